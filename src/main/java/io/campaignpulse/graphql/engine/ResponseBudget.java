package io.campaignpulse.graphql.engine;

import java.util.concurrent.atomic.AtomicLong;

import graphql.execution.instrumentation.InstrumentationState;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * The bytes one GraphQL operation may load into memory, drawn from a pool shared by every operation
 * in flight. Resolvers reserve what a page will hold <em>before</em> they load it (its size is asked
 * of the database first), so a result too large, or too many large results at once, is refused
 * without ever being held: memory per operation and in total stays bounded whatever the query.
 * <p>
 * {@link QueryLimits} opens one budget per execution and releases it when the execution completes;
 * while a data fetcher runs, the budget of its execution is {@link #current()}. A resolver body does not
 * always run inside its fetcher's call: behind {@code @RolesAllowed} it runs once the caller's identity
 * is known, later, on the request's Vert.x context. So the budget is also kept in that context's locals,
 * and a budget found nowhere (which must not happen) limits its own response but takes nothing from
 * the pool: a reservation nobody releases would shrink the pool for good.
 */
public final class ResponseBudget implements InstrumentationState {

    /** What a stored event costs besides its payload: its other columns and their JSON, generously. */
    public static final long ROW_BYTES = 1024;

    private static final ThreadLocal<ResponseBudget> CURRENT = new ThreadLocal<>();
    private static final String CONTEXT_KEY = ResponseBudget.class.getName();

    private final Pool pool;
    private final long max;
    private long reserved;
    private boolean released;
    private Context boundTo;

    /** {@code pool} null: limited to {@code max}, drawing nothing from the shared pool. */
    ResponseBudget(Pool pool, long max) {
        this.pool = pool;
        this.max = max;
    }

    /**
     * The budget of the execution whose data fetcher runs on this thread. Outside any (which our
     * instrumentation makes impossible for a query), a budget of its own over the same pool, so the
     * limits still hold.
     */
    public static ResponseBudget current() {
        ResponseBudget budget = CURRENT.get();
        if (budget != null) {
            return budget;
        }
        Context context = Vertx.currentContext();
        if (context != null && context.getLocal(CONTEXT_KEY) instanceof ResponseBudget ofTheRequest) {
            return ofTheRequest;
        }
        return QueryLimits.newUnpooledBudget();
    }

    /** Makes this budget the one of the request whose Vert.x context runs the execution. */
    void bindToCurrentContext() {
        Context context = Vertx.currentContext();
        if (context != null && VertxContext.isDuplicatedContext(context)) {
            context.putLocal(CONTEXT_KEY, this);
            boundTo = context;
        }
    }

    static ResponseBudget swapIn(ResponseBudget budget) {
        ResponseBudget before = CURRENT.get();
        CURRENT.set(budget);
        return before;
    }

    static void restore(ResponseBudget before) {
        if (before == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(before);
        }
    }

    /**
     * Reserves {@code bytes} for rows about to be loaded; fails with RESPONSE_TOO_LARGE past this
     * operation's limit, SERVER_BUSY past the pool's.
     */
    public Uni<Void> reserve(long bytes, String what) {
        synchronized (this) {
            if (released) {
                return Uni.createFrom().voidItem(); // the execution is over; nothing will be sent
            }
            if (reserved + bytes > max) {
                return Uni.createFrom().failure(new ResponseTooLargeException("The result would hold about "
                        + (reserved + bytes) + " bytes (" + what + "); one response may hold at most " + max
                        + ". Ask for fewer items (`first`), fewer aliases, or split the query."));
            }
            if (pool != null && !pool.tryReserve(bytes)) {
                return Uni.createFrom().failure(new ServerBusyException("The service is building too many large responses "
                        + "at once (at most " + pool.max + " bytes in flight); retry in a moment or ask for less."));
            }
            reserved += bytes;
        }
        return Uni.createFrom().voidItem();
    }

    /** Gives everything reserved back to the pool; further reservations are free (nothing is sent). */
    synchronized void release() {
        if (!released) {
            released = true;
            if (pool != null) {
                pool.release(reserved);
            }
            if (boundTo != null && boundTo.getLocal(CONTEXT_KEY) == this) {
                boundTo.removeLocal(CONTEXT_KEY);
            }
        }
    }

    synchronized long reserved() {
        return reserved;
    }

    /** The bytes all operations in flight may hold together. */
    static final class Pool {

        private final AtomicLong inFlight = new AtomicLong();
        private final long max;

        Pool(long max) {
            this.max = max;
        }

        boolean tryReserve(long bytes) {
            while (true) {
                long now = inFlight.get();
                if (now + bytes > max) {
                    return false;
                }
                if (inFlight.compareAndSet(now, now + bytes)) {
                    return true;
                }
            }
        }

        void release(long bytes) {
            inFlight.addAndGet(-bytes);
        }

        long inFlight() {
            return inFlight.get();
        }
    }
}
