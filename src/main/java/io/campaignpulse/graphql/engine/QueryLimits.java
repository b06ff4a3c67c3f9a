package io.campaignpulse.graphql.engine;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import graphql.GraphQL;
import graphql.analysis.FieldComplexityEnvironment;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.AbortExecutionException;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.Instrumentation;
import graphql.schema.GraphQLTypeUtil;
import io.campaignpulse.graphql.paging.PageSize;
import io.smallrye.graphql.execution.QueryCache;
import io.smallrye.graphql.spi.EventingService;

/**
 * Installs the query depth and complexity limits, and {@link ErrorCodes}, on the GraphQL engine.
 * <p>
 * SmallRye GraphQL installs graphql-java's depth and complexity instrumentations from
 * {@code quarkus.smallrye-graphql.instrumentation-query-depth} / {@code -complexity}, but their errors
 * carry no {@code extensions.code}, and SmallRye offers no way to add one. So this replaces its
 * instrumentation chain with the same limits (read from the same two keys) whose errors carry
 * QUERY_TOO_DEEP / QUERY_TOO_COMPLEX, SmallRye's parsed-query cache, and {@link ErrorCodes} for every
 * other error. It adds what field counting cannot see: the cost of a query with its page sizes
 * multiplied through nesting (QUERY_TOO_COSTLY, {@value #COST_KEY}), and the bytes a result holds
 * ({@link ResponseBudget}: RESPONSE_TOO_LARGE / SERVER_BUSY). (A query that does not even parse is refused by SmallRye before any instrumentation
 * runs; that error alone has no code.)
 * Loaded by SmallRye through {@link java.util.ServiceLoader}, so it is not a CDI bean.
 */
public class QueryLimits implements EventingService {

    static final String DEPTH_KEY = "quarkus.smallrye-graphql.instrumentation-query-depth";
    static final String COMPLEXITY_KEY = "quarkus.smallrye-graphql.instrumentation-query-complexity";
    static final String COST_KEY = "pulse.graphql.max-cost";
    static final String RESPONSE_BYTES_KEY = "pulse.graphql.max-response-bytes";
    static final String IN_FLIGHT_BYTES_KEY = "pulse.graphql.max-response-bytes-in-flight";


    @Override
    public String getConfigKey() {
        return null; // always on
    }

    @Override
    public GraphQL.Builder beforeGraphQLBuild(GraphQL.Builder builder) {
        Config config = ConfigProvider.getConfig();
        List<Instrumentation> chain = new ArrayList<>();
        chain.add(new IntRange()); // first: the limits below read the arguments
        config.getOptionalValue(COMPLEXITY_KEY, Integer.class).ifPresent(max -> chain.add(new ComplexityLimit(max)));
        config.getOptionalValue(DEPTH_KEY, Integer.class).ifPresent(max -> chain.add(new DepthLimit(max)));
        chain.add(new CostLimit(config.getOptionalValue(COST_KEY, Integer.class).orElse(20_000),
                config.getOptionalValue("pulse.graphql.max-page-size", Integer.class).orElse(500)));
        chain.add(new ResponseLimits());
        // SmallRye's parsed-query cache is an instrumentation too: it must stay in the chain it replaces
        QueryCache cache = new QueryCache();
        chain.add(cache);
        chain.add(new ErrorCodes());
        return builder.instrumentation(new ChainedInstrumentation(chain)).preparsedDocumentProvider(cache);
    }

    private static final class DepthLimit extends MaxQueryDepthInstrumentation {

        DepthLimit(int max) {
            super(max);
        }

        @Override
        protected AbortExecutionException mkAbortException(int depth, int maxDepth) {
            return new CodedAbort("The query is " + depth + " levels deep; at most " + maxDepth
                    + " are allowed. Split it into several queries.", "QUERY_TOO_DEEP");
        }
    }

    private static final class ComplexityLimit extends MaxQueryComplexityInstrumentation {

        ComplexityLimit(int max) {
            super(max);
        }

        @Override
        protected AbortExecutionException mkAbortException(int complexity, int maxComplexity) {
            return new CodedAbort("The query selects " + complexity + " fields (aliases included); at most "
                    + maxComplexity + " are allowed. Split it into several queries.", "QUERY_TOO_COMPLEX");
        }
    }

    /** A new budget for one execution, over the pool shared by all. */
    static ResponseBudget newBudget() {
        return new ResponseBudget(Responses.POOL, Responses.MAX_BYTES);
    }

    /** A budget limited to one response that takes nothing from the pool (see {@link ResponseBudget#current()}). */
    static ResponseBudget newUnpooledBudget() {
        return new ResponseBudget(null, Responses.MAX_BYTES);
    }

    /** Bytes reserved by the executions in flight (for tests). */
    static long bytesInFlight() {
        return Responses.POOL.inFlight();
    }

    /** The response limits, read once per application (the engine itself is built lazily, at the first query). */
    private static final class Responses {

        static final long MAX_BYTES = ConfigProvider.getConfig().getOptionalValue(RESPONSE_BYTES_KEY, Long.class).orElse(12L << 20);
        static final ResponseBudget.Pool POOL = new ResponseBudget.Pool(
                ConfigProvider.getConfig().getOptionalValue(IN_FLIGHT_BYTES_KEY, Long.class).orElse(24L << 20));
    }

    /**
     * The cost of a query: every field costs 1 plus what it contains, and a field that returns a
     * page contains its selection once per item it may return ({@code first}, or the page size a
     * connection uses without it; {@code limit} for top lists). So
     * {@code recipients(first: 500) { edges { node { events(first: 500) { ... } } } }} costs about
     * 500 × 500 × its inner fields, where counting fields would see a dozen.
     */
    static final class CostLimit extends MaxQueryComplexityInstrumentation {

        CostLimit(int max, int maxPageSize) {
            super(max, (environment, childCost) -> cost(environment, childCost, max, maxPageSize));
        }

        static int cost(FieldComplexityEnvironment environment, int childCost, int max, int maxPageSize) {
            // a page larger than allowed is refused by its resolver with a clearer message than a cost could give
            long items = Math.min(itemsOf(environment), maxPageSize);
            long cost = 1 + items * (long) Math.max(childCost, 0);
            // past the limit the exact figure no longer matters: capping keeps sums of siblings from overflowing
            return (int) Math.min(cost, (long) max + 1);
        }

        private static long itemsOf(FieldComplexityEnvironment environment) {
            Object first = environment.getArguments().get("first");
            if (first instanceof Number number) {
                return Math.max(number.longValue(), 0);
            }
            Object limit = environment.getArguments().get("limit");
            if (limit instanceof Number number) {
                return Math.max(number.longValue(), 0);
            }
            if (GraphQLTypeUtil.unwrapAll(environment.getFieldDefinition().getType()).getName().endsWith("Connection")) {
                return PageSize.DEFAULT;
            }
            return 1;
        }

        @Override
        protected AbortExecutionException mkAbortException(int cost, int maxCost) {
            String figure = cost == maxCost + 1 ? "more than " + maxCost : String.valueOf(cost);
            return new CodedAbort("The query costs " + figure + " (every field counts once per item of the pages it is in: `first` "
                    + "multiplies through nesting); at most " + maxCost + " is allowed. Ask for smaller pages or split the query.",
                    "QUERY_TOO_COSTLY");
        }
    }

    /** An aborted execution whose error names its cause in {@code extensions.code}. */
    static final class CodedAbort extends AbortExecutionException {

        private final String code;

        CodedAbort(String message, String code) {
            super(message);
            this.code = code;
        }

        @Override
        public java.util.Map<String, Object> getExtensions() {
            return java.util.Map.of("code", code);
        }
    }
}
