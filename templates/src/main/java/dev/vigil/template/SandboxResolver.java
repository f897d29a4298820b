package dev.vigil.template;

import com.hubspot.jinjava.el.TypeConvertingMapELResolver;
import com.hubspot.jinjava.el.ext.JinjavaBeanELResolver;
import com.hubspot.jinjava.el.ext.JinjavaListELResolver;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.exptest.ExpTest;
import com.hubspot.jinjava.lib.filter.Filter;
import java.util.Set;
import jinjava.javax.el.ArrayELResolver;
import jinjava.javax.el.CompositeELResolver;
import jinjava.javax.el.ELContext;
import jinjava.javax.el.MethodNotFoundException;

/**
 * How templates reach into objects: Jinjava's read-only resolvers, except that a template may call only
 * the methods Prefect's templates use on dicts, lists, loops and dates ({@code d.items()},
 * {@code d.get('k', 0)}, {@code loop.cycle('a', 'b')}, …) and a few Python string methods, which
 * {@link PyStrings} answers with Python's meaning and the render's bounds. Any other Java method (such as
 * {@code 'a'.repeat(600000000)}) cannot be called.
 */
final class SandboxResolver extends CompositeELResolver {

    SandboxResolver(TemplateLimits limits) {
        add(new ArrayELResolver(true));
        add(new JinjavaListELResolver(true));
        add(new TypeConvertingMapELResolver(true));
        add(new AllowlistBeanResolver(new PyStrings(limits)));
    }

    private static final class AllowlistBeanResolver extends JinjavaBeanELResolver {

        /** Python dict, list, loop and date methods that Jinjava's objects (and ours) answer. */
        private static final Set<String> CALLABLE = Set.of("get", "items", "keys", "values", "count", "index",
                "cycle", "strftime", "isoformat");

        private final PyStrings strings;

        AllowlistBeanResolver(PyStrings strings) {
            super(true);
            this.strings = strings;
        }

        @Override
        public Object invoke(ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
            JinjavaInterpreter interpreter = JinjavaInterpreter.getCurrent();
            RenderBudget.check(interpreter);
            String name = String.valueOf(method);
            if (base instanceof CharSequence text && PyStrings.METHODS.contains(name)) {
                Object result = strings.call(interpreter, text.toString(), name, params == null ? new Object[0] : params);
                context.setPropertyResolved(true);
                return result;
            }
            if (base == null || !(CALLABLE.contains(name) && !(base instanceof CharSequence) || builtIn(base, name))) {
                throw new MethodNotFoundException("Cannot find method '" + name + "' in "
                        + (base == null ? "null" : base.getClass()));
            }
            return super.invoke(context, base, method, paramTypes, params);
        }

        /** How Jinjava's parser calls a filter ({@code x|f}) or a test ({@code x is t}): as a method call. */
        private static boolean builtIn(Object base, String name) {
            return base instanceof Filter && name.equals("filter")
                    || base instanceof ExpTest && (name.equals("evaluate") || name.equals("evaluateNegated"));
        }
    }
}
