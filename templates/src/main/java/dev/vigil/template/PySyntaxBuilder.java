package dev.vigil.template;

import com.hubspot.jinjava.el.ExtendedSyntaxBuilder;
import com.hubspot.jinjava.el.ext.ExtendedParser;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import java.math.BigInteger;
import jinjava.de.odysseus.el.misc.NumberOperations;
import jinjava.de.odysseus.el.tree.Bindings;
import jinjava.de.odysseus.el.tree.impl.Parser;
import jinjava.de.odysseus.el.tree.impl.ast.AstBinary;
import jinjava.de.odysseus.el.tree.impl.ast.AstNode;
import jinjava.javax.el.ELContext;

/**
 * Jinjava's expression syntax with Python's string repetition: {@code 'a' * 3} (and {@code 3 * 'a'}) is
 * {@code aaa}, where Jinjava would try to read {@code 'a'} as a number. The result is held to the render's
 * string bound before it is built. Used by {@link PyJinjava}.
 */
final class PySyntaxBuilder extends ExtendedSyntaxBuilder {

    private static final long serialVersionUID = 1L;

    /** The features Jinjava's own factory gets from JUEL's JEE6 profile. */
    PySyntaxBuilder() {
        super(Feature.METHOD_INVOCATIONS, Feature.VARARGS);
    }

    @Override
    protected Parser createParser(String expression) {
        return new ExtendedParser(this, expression) {
            @Override
            protected AstBinary createAstBinary(AstNode left, AstNode right, AstBinary.Operator operator) {
                return super.createAstBinary(left, right, operator == AstBinary.MUL ? REPEAT_OR_MUL : operator);
            }
        };
    }

    private static final AstBinary.Operator REPEAT_OR_MUL = new AstBinary.Operator() {
        @Override
        public Object eval(Bindings bindings, ELContext context, AstNode left, AstNode right) {
            Object a = left.eval(bindings, context);
            Object b = right.eval(bindings, context);
            if (a instanceof CharSequence text && integral(b)) {
                return repeat(text, ((Number) b).longValue());
            }
            if (b instanceof CharSequence text && integral(a)) {
                return repeat(text, ((Number) a).longValue());
            }
            return NumberOperations.mul(bindings, a, b);
        }

        @Override
        public String toString() {
            return "*";
        }
    };

    private static boolean integral(Object value) {
        return value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger;
    }

    private static String repeat(CharSequence text, long times) {
        if (times <= 0 || text.length() == 0) {
            return "";
        }
        JinjavaInterpreter interpreter = JinjavaInterpreter.getCurrent();
        long limit = interpreter == null ? Long.MAX_VALUE : interpreter.getConfig().getMaxStringLength();
        if (limit > 0 && (times > limit || text.length() * times > limit)) {
            throw RenderBudget.refuse(interpreter, "string repetition of " + text.length() + " characters "
                    + times + " times is over the limit of " + limit + " characters");
        }
        return text.toString().repeat((int) times);
    }
}
