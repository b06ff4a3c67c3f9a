package io.campaignpulse.graphql.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.jboss.logging.Logger;

import graphql.ErrorType;
import graphql.ExceptionWhileDataFetching;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.NonNullableFieldWasNullError;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.introspection.IntrospectionDisabledError;
import graphql.validation.ValidationError;
import graphql.validation.ValidationErrorType;
import io.campaignpulse.security.AccessRefusals;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.graphql.api.ErrorCode;

/**
 * Gives every GraphQL error an {@code extensions.code}: errors of our own exceptions keep the code
 * of their {@link ErrorCode} (added by SmallRye), every other error gets one from its kind:
 * <ul>
 * <li>BAD_USER_INPUT: an argument or variable of the wrong type;</li>
 * <li>GRAPHQL_VALIDATION_FAILED: a query that does not fit the schema;</li>
 * <li>GRAPHQL_PARSE_FAILED: a query that is not GraphQL;</li>
 * <li>UNAUTHORIZED / FORBIDDEN: an operation refused by {@code @RolesAllowed} (no or a refused credential /
 * a known caller without the role), with a message that says which ({@link AccessRefusals});</li>
 * <li>INTERNAL_SERVER_ERROR: a failure on our side (its details stay in the log).</li>
 * </ul>
 */
class ErrorCodes extends SimplePerformantInstrumentation {

    private static final Logger LOG = Logger.getLogger(ErrorCodes.class);

    @Override
    public CompletableFuture<ExecutionResult> instrumentExecutionResult(ExecutionResult result,
            InstrumentationExecutionParameters parameters, InstrumentationState state) {
        if (result.getErrors().isEmpty()) {
            return CompletableFuture.completedFuture(result);
        }
        List<GraphQLError> errors = new ArrayList<>(result.getErrors().size());
        boolean changed = false;
        for (GraphQLError error : result.getErrors()) {
            if (explainedByAnother(error, result.getErrors())) {
                changed = true;
                continue;
            }
            GraphQLError coded = withCode(error);
            changed |= coded != error;
            errors.add(coded);
        }
        return CompletableFuture.completedFuture(changed ? result.transform(b -> b.errors(errors)) : result);
    }

    /**
     * "A non-null field returned null" is a consequence, not a cause, when the field's own error (e.g. an
     * argument that did not convert: BAD_USER_INPUT, reported without a path) is in the same result: reporting it too would add an
     * INTERNAL_SERVER_ERROR to the caller's own mistake. Without such an error it is kept: then it is ours.
     */
    private static boolean explainedByAnother(GraphQLError error, List<GraphQLError> all) {
        if (!(error instanceof NonNullableFieldWasNullError) || error.getPath() == null) {
            return false;
        }
        // the cause sits at the field or below it, or, for an argument that did not coerce, has no path at all
        return all.stream().anyMatch(other -> other != error && !(other instanceof NonNullableFieldWasNullError)
                && (other.getPath() == null || startsWith(other.getPath(), error.getPath())));
    }

    private static boolean startsWith(List<Object> path, List<Object> prefix) {
        return path.size() >= prefix.size() && path.subList(0, prefix.size()).equals(prefix);
    }

    private static GraphQLError withCode(GraphQLError error) {
        if (error instanceof ExceptionWhileDataFetching fetching) {
            String refusal = AccessRefusals.codeOf(unwrap(fetching.getException()));
            if (refusal != null) {
                // SmallRye names security exceptions by class and hides their message: say what the caller can do
                return coded(error, AccessRefusals.message(refusal, AccessRefusals.currentCaller()), refusal);
            }
        }
        if (error instanceof IntrospectionDisabledError) {
            // IntrospectionAccess disabled it for this caller, who may not read
            SecurityIdentity caller = AccessRefusals.currentCaller();
            String refusal = caller == null || caller.isAnonymous() ? AccessRefusals.UNAUTHORIZED : AccessRefusals.FORBIDDEN;
            return coded(error, "Introspection follows the read rule. " + AccessRefusals.message(refusal, caller), refusal);
        }
        if (error.getExtensions() != null && error.getExtensions().containsKey("code")) {
            return error;
        }
        if (error instanceof ExceptionWhileDataFetching fetching) {
            if (hasErrorCode(fetching.getException())) {
                return error; // a client's mistake: SmallRye adds the code of the exception's @ErrorCode
            }
            // ours: SmallRye's own logging of data fetcher exceptions is off, so that client mistakes do not
            // fill the log with stack traces; the failures that are ours are logged here instead
            LOG.errorf(fetching.getException(), "GraphQL field %s failed", error.getPath());
        }
        return coded(error, error.getMessage(), codeOf(error));
    }

    private static GraphQLError coded(GraphQLError error, String message, String code) {
        Map<String, Object> extensions = new LinkedHashMap<>();
        if (error.getExtensions() != null) {
            extensions.putAll(error.getExtensions());
        }
        extensions.put("code", code);
        GraphqlErrorBuilder<?> builder = GraphqlErrorBuilder.newError()
                .message(message)
                .locations(error.getLocations())
                .errorType(error.getErrorType())
                .extensions(extensions);
        if (error.getPath() != null) {
            builder.path(error.getPath());
        }
        return builder.build();
    }

    private static String codeOf(GraphQLError error) {
        if (error instanceof ValidationError validation) {
            return validation.getValidationErrorType() == ValidationErrorType.WrongType
                    ? "BAD_USER_INPUT"
                    : "GRAPHQL_VALIDATION_FAILED";
        }
        if (error.getErrorType() == ErrorType.ValidationError) {
            return "BAD_USER_INPUT"; // variables that do not coerce to their declared types
        }
        if (error.getErrorType() == ErrorType.InvalidSyntax) {
            return "GRAPHQL_PARSE_FAILED";
        }
        if (error.getErrorType() == ErrorType.OperationNotSupported) {
            return "OPERATION_NOT_SUPPORTED";
        }
        return "INTERNAL_SERVER_ERROR";
    }

    private static boolean hasErrorCode(Throwable exception) {
        Throwable cause = unwrap(exception);
        return cause != null && cause.getClass().isAnnotationPresent(ErrorCode.class);
    }

    private static Throwable unwrap(Throwable exception) {
        Throwable cause = exception;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
