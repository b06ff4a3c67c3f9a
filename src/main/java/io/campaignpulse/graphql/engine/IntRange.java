package io.campaignpulse.graphql.engine;

import java.math.BigDecimal;
import java.util.Map;

import graphql.ExecutionResult;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.language.IntValue;
import graphql.language.ListType;
import graphql.language.Node;
import graphql.language.NodeTraverser;
import graphql.language.NodeVisitorStub;
import graphql.language.NonNullType;
import graphql.language.Type;
import graphql.language.TypeName;
import graphql.language.VariableDefinition;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;

/**
 * Refuses an Int beyond 32 bits (BAD_USER_INPUT) before anything else reads it. SmallRye GraphQL's
 * Int scalar wraps such a value around instead (its range check compares with the minimum twice), so
 * {@code first: 2147483648} reached our resolvers as -2147483648. Our schema has no other integer
 * scalar, so every integer literal is an Int; variables are checked when declared Int.
 */
final class IntRange extends SimplePerformantInstrumentation {

    private static final BigDecimal MIN = BigDecimal.valueOf(Integer.MIN_VALUE);
    private static final BigDecimal MAX = BigDecimal.valueOf(Integer.MAX_VALUE);

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters parameters,
            InstrumentationState state) {
        ExecutionContext execution = parameters.getExecutionContext();
        new NodeTraverser().depthFirst(new NodeVisitorStub() {
            @Override
            public TraversalControl visitIntValue(IntValue node, TraverserContext<Node> context) {
                BigDecimal value = new BigDecimal(node.getValue());
                if (!fits(value)) {
                    throw outOfRange(value.toPlainString(), "the literal at line " + node.getSourceLocation().getLine()
                            + ", column " + node.getSourceLocation().getColumn());
                }
                return TraversalControl.CONTINUE;
            }
        }, execution.getDocument().getDefinitions());
        Map<String, Object> raw = execution.getExecutionInput().getRawVariables().toMap();
        for (VariableDefinition variable : execution.getOperationDefinition().getVariableDefinitions()) {
            if (isInt(variable.getType()) && raw.get(variable.getName()) instanceof Number number
                    && !fits(new BigDecimal(number.toString()))) {
                throw outOfRange(number.toString(), "variable $" + variable.getName());
            }
        }
        return super.beginExecuteOperation(parameters, state);
    }

    private static boolean fits(BigDecimal value) {
        return value.compareTo(MIN) >= 0 && value.compareTo(MAX) <= 0;
    }

    private static boolean isInt(Type<?> type) {
        if (type instanceof NonNullType nonNull) {
            return isInt(nonNull.getType());
        }
        if (type instanceof ListType list) {
            return isInt(list.getType());
        }
        return type instanceof TypeName name && "Int".equals(name.getName());
    }

    private static QueryLimits.CodedAbort outOfRange(String value, String where) {
        return new QueryLimits.CodedAbort(value + " (" + where + ") is not an Int: a GraphQL Int has 32 bits, from "
                + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE + ".", "BAD_USER_INPUT");
    }
}
