package io.campaignpulse.graphql;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import graphql.GraphQL;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.AbortExecutionException;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.Instrumentation;
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
 * other error. (A query that does not even parse is refused by SmallRye before any instrumentation
 * runs; that error alone has no code.)
 * Loaded by SmallRye through {@link java.util.ServiceLoader}, so it is not a CDI bean.
 */
public class QueryLimits implements EventingService {

    static final String DEPTH_KEY = "quarkus.smallrye-graphql.instrumentation-query-depth";
    static final String COMPLEXITY_KEY = "quarkus.smallrye-graphql.instrumentation-query-complexity";

    @Override
    public String getConfigKey() {
        return null; // always on
    }

    @Override
    public GraphQL.Builder beforeGraphQLBuild(GraphQL.Builder builder) {
        Config config = ConfigProvider.getConfig();
        List<Instrumentation> chain = new ArrayList<>();
        config.getOptionalValue(COMPLEXITY_KEY, Integer.class).ifPresent(max -> chain.add(new ComplexityLimit(max)));
        config.getOptionalValue(DEPTH_KEY, Integer.class).ifPresent(max -> chain.add(new DepthLimit(max)));
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
