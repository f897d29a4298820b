package dev.vigil.template;

import com.hubspot.jinjava.interpret.InterpretException;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.tree.Node;
import java.time.Duration;
import java.util.function.BiConsumer;

/** Stops a render that runs past its time cap; checked before every template node. */
final class RenderDeadline implements BiConsumer<Node, JinjavaInterpreter> {

    private static final ThreadLocal<long[]> DEADLINE = new ThreadLocal<>();

    private final Duration timeout;

    RenderDeadline(Duration timeout) {
        this.timeout = timeout;
    }

    /** Starts the clock for the render on this thread; close the returned scope when it ends. */
    AutoCloseable start() {
        DEADLINE.set(new long[] {System.nanoTime() + timeout.toNanos()});
        return DEADLINE::remove;
    }

    @Override
    public void accept(Node node, JinjavaInterpreter interpreter) {
        interpreter.getContext().setCurrentNode(node);
        long[] deadline = DEADLINE.get();
        if (deadline != null && System.nanoTime() - deadline[0] > 0) {
            throw new InterpretException("Template rendering took longer than " + timeout.toMillis() + " ms",
                    node.getLineNumber(), node.getStartPosition());
        }
    }
}
