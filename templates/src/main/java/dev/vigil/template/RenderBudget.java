package dev.vigil.template;

import com.hubspot.jinjava.interpret.InterpretException;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.tree.Node;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * What one render may still spend: its CPU deadline and its loop iterations, and the first bound it
 * broke. Jinjava turns an exception inside an expression into an error and carries on, so a broken
 * bound is remembered here and stops the render at its next node; the render then fails with that
 * bound's message. Checked before every template node and by every filter and method call.
 */
final class RenderBudget implements BiConsumer<Node, JinjavaInterpreter> {

    private static final ThreadLocal<Spend> CURRENT = new ThreadLocal<>();

    private final TemplateLimits limits;

    RenderBudget(TemplateLimits limits) {
        this.limits = limits;
    }

    /** Starts the budget of a render on this thread; close the scope when the render ends. */
    Scope start() {
        Spend previous = CURRENT.get();
        Spend spend = new Spend(System.nanoTime() + limits.renderTimeout().toNanos(), limits);
        CURRENT.set(spend);
        return new Scope(spend, previous);
    }

    @Override
    public void accept(Node node, JinjavaInterpreter interpreter) {
        interpreter.getContext().setCurrentNode(node);
        check(interpreter);
    }

    /** Fails when this render is past its deadline or already broke a bound. */
    static void check(JinjavaInterpreter interpreter) {
        Spend spend = CURRENT.get();
        if (spend == null) {
            return;
        }
        if (spend.broken == null && System.nanoTime() - spend.deadline > 0) {
            refuse(interpreter, "Template rendering took longer than " + spend.limits.renderTimeout().toMillis()
                    + " ms");
        }
        if (spend.broken != null) {
            throw new BoundExceeded(spend.broken);
        }
    }

    /** Counts {@code iterations} more loop iterations, failing past the render's total. */
    static void loop(JinjavaInterpreter interpreter, long iterations) {
        Spend spend = CURRENT.get();
        if (spend == null) {
            return;
        }
        spend.loopIterations += iterations;
        if (spend.loopIterations > spend.limits.maxLoopIterations()) {
            refuse(interpreter, "Loops ran more than " + spend.limits.maxLoopIterations()
                    + " iterations in one render");
        }
    }

    /** Records the broken bound (the first one wins) and stops the current expression. */
    static BoundExceeded refuse(JinjavaInterpreter interpreter, String reason) {
        int line = interpreter == null ? 0 : interpreter.getLineNumber();
        String message = line > 0 ? "line " + line + ": " + reason : reason;
        Spend spend = CURRENT.get();
        if (spend != null && spend.broken == null) {
            spend.broken = message;
            spend.problem = new TemplateProblem(Math.max(line, 0), reason);
        }
        throw new BoundExceeded(spend != null ? spend.broken : message);
    }

    /** A render's spending; closing it restores the enclosing render's, if any. */
    static final class Scope implements AutoCloseable {
        private final Spend spend;
        private final Spend previous;

        private Scope(Spend spend, Spend previous) {
            this.spend = spend;
            this.previous = previous;
        }

        /** The first bound the render broke, as {@code line N: reason}. */
        Optional<String> broken() {
            return Optional.ofNullable(spend.broken);
        }

        /** The same, as a save-time problem. */
        Optional<TemplateProblem> problem() {
            return Optional.ofNullable(spend.problem);
        }

        @Override
        public void close() {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    private static final class Spend {
        private final long deadline;
        private final TemplateLimits limits;
        private long loopIterations;
        private String broken;
        private TemplateProblem problem;

        private Spend(long deadline, TemplateLimits limits) {
            this.deadline = deadline;
            this.limits = limits;
        }
    }

    /** A render went past one of its bounds; the message says which, with the line. */
    static final class BoundExceeded extends InterpretException {
        BoundExceeded(String message) {
            super(message);
        }
    }
}
