package io.campaignpulse.graphql.engine;

import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationCreateStateParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.schema.DataFetcher;

/**
 * Opens a {@link ResponseBudget} for every execution, makes it {@link ResponseBudget#current()}
 * while each of its data fetchers runs, and gives its bytes back to the pool when the execution
 * completes (with a result or a failure).
 */
final class ResponseLimits extends SimplePerformantInstrumentation {

    @Override
    public InstrumentationState createState(InstrumentationCreateStateParameters parameters) {
        return QueryLimits.newBudget();
    }

    @Override
    public InstrumentationContext<graphql.ExecutionResult> beginExecution(InstrumentationExecutionParameters parameters,
            InstrumentationState state) {
        ResponseBudget budget = (ResponseBudget) state;
        budget.bindToCurrentContext();
        return SimpleInstrumentationContext.whenCompleted((result, failure) -> budget.release());
    }

    @Override
    public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> fetcher, InstrumentationFieldFetchParameters parameters,
            InstrumentationState state) {
        if (parameters.isTrivialDataFetcher() || !(state instanceof ResponseBudget budget)) {
            return fetcher; // a property of an object already loaded
        }
        return environment -> {
            ResponseBudget before = ResponseBudget.swapIn(budget);
            try {
                return fetcher.get(environment);
            } finally {
                ResponseBudget.restore(before);
            }
        };
    }
}
