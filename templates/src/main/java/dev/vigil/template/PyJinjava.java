package dev.vigil.template;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.el.TruthyTypeConverter;
import jinjava.de.odysseus.el.ExpressionFactoryImpl;
import jinjava.de.odysseus.el.tree.TreeStore;
import jinjava.javax.el.ExpressionFactory;

/** Jinjava whose expressions parse with {@link PySyntaxBuilder} (Python's string repetition). */
final class PyJinjava extends Jinjava {

    private final ExpressionFactory expressions;

    PyJinjava(JinjavaConfig config) {
        super(config);
        // No tree cache, as Jinjava's own factory (cache size 0).
        this.expressions = new ExpressionFactoryImpl(new TreeStore(new PySyntaxBuilder(), null),
                new TruthyTypeConverter());
    }

    @Override
    public ExpressionFactory getExpressionFactory() {
        return expressions;
    }
}
