package dev.vigil.template;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.tag.ForTag;
import com.hubspot.jinjava.objects.collections.PyMap;
import com.hubspot.jinjava.tree.TagNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Jinjava's {@code for} with two differences. It counts its iterations against the render's total before
 * it starts. And {@code {% for label, value in mapping %}} walks the mapping's pairs (and a list of
 * {@link LabelPair}s, such as {@code labels|sort}, its pairs), which is how Prefect's resources iterate (Jinjava would leave both names blank).
 */
final class PairForTag extends ForTag {

    private static final int PAIR = 2;

    @Override
    public String renderForCollection(TagNode tagNode, JinjavaInterpreter interpreter, List<String> loopVars,
                                      Object collection) {
        Object items = collection;
        if (loopVars.size() == PAIR && !interpreter.isValidationMode()) {
            Object map = collection instanceof PyMap py ? py.toMap() : collection;
            if (map instanceof Map<?, ?> mapping) {
                items = new ArrayList<>(mapping.entrySet());
            } else if (map instanceof List<?> list && list.stream().anyMatch(LabelPair.class::isInstance)) {
                items = list.stream().map(i -> i instanceof LabelPair pair ? pair.entry() : i).toList();
            }
        }
        RenderBudget.loop(interpreter, sizeOf(items));
        return super.renderForCollection(tagNode, interpreter, loopVars, items);
    }

    /** How many times a loop over {@code items} runs, as Jinjava's loop iterates them. */
    private static long sizeOf(Object items) {
        if (items == null) {
            return 0;
        }
        if (items instanceof Collection<?> collection) {
            return collection.size();
        }
        if (items instanceof Map<?, ?> map) {
            return map.size();
        }
        return items instanceof Object[] array ? array.length : 1;
    }
}
