package dev.vigil.support.vertx;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OffEventLoopTest {

    private static final long WAIT_SECONDS = 5;

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        vertx.close().toCompletionStage().toCompletableFuture().orTimeout(WAIT_SECONDS, TimeUnit.SECONDS).join();
    }

    /** What ran where: the work, and the code that received its result. */
    record Threads(boolean workOnEventLoop, boolean resultOnEventLoop, Context resultContext, Context callerContext) {
    }

    @Test
    void theWorkRunsOnAWorkerAndItsResultComesBackOnTheCallersContext() {
        CompletableFuture<Threads> seen = new CompletableFuture<>();
        Context caller = vertx.getOrCreateContext();
        caller.runOnContext(ignored -> OffEventLoop.compute(Context::isOnEventLoopThread)
                .subscribe().with(workOnEventLoop -> seen.complete(new Threads(workOnEventLoop,
                        Context.isOnEventLoopThread(), Vertx.currentContext(), caller)), seen::completeExceptionally));

        Threads threads = seen.orTimeout(WAIT_SECONDS, TimeUnit.SECONDS).join();

        assertThat(threads.workOnEventLoop()).as("work on an event loop").isFalse();
        assertThat(threads.resultOnEventLoop()).as("result on an event loop").isTrue();
        assertThat(threads.resultContext()).isSameAs(threads.callerContext());
    }

    @Test
    void aFailureOfTheWorkComesBackOnTheCallersContextToo() {
        CompletableFuture<Context> failedOn = new CompletableFuture<>();
        Context caller = vertx.getOrCreateContext();
        caller.runOnContext(ignored -> OffEventLoop.<String>compute(() -> {
            throw new IllegalArgumentException("bad template");
        }).subscribe().with(item -> failedOn.completeExceptionally(new AssertionError("no failure")),
                failure -> failedOn.complete(Vertx.currentContext())));

        assertThat(failedOn.orTimeout(WAIT_SECONDS, TimeUnit.SECONDS).join()).isSameAs(caller);
    }
}
