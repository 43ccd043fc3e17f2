package dev.limitless.sample.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.limitless.sample.booking.BookingQueue;
import dev.limitless.autoconfigure.lambda.LambdaInvocations;
import dev.limitless.sample.ledger.Ledger;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * AWS Lambda entry point for the ledger's REST API behind an API Gateway HTTP API (payload format 2.0). Handler
 * string: {@code dev.limitless.sample.lambda.LedgerLambdaHandler::handleRequest}.
 *
 * <p>The Spring context, and with it the connection pool, is built once per execution environment, during the init
 * phase (the static initializer), and reused by every invocation that environment serves. The {@code lambda}
 * profile sizes the pool to one connection: an environment serves one invocation at a time.
 */
// tag::handler[]
public final class LedgerLambdaHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private static final ConfigurableApplicationContext CONTEXT = LambdaApplication.start();

    private final LambdaRoutes routes;
    private final LambdaInvocations invocations;

    /** Called by the Lambda runtime, once per execution environment. */
    public LedgerLambdaHandler() {
        this.routes = new LambdaRoutes(CONTEXT.getBean(Ledger.class), CONTEXT.getBean(JsonMapper.class),
                CONTEXT.getBean(BookingQueue.class));
        this.invocations = CONTEXT.getBean(LambdaInvocations.class);
    }

    /**
     * A pooled connection the database closed while the environment was frozen is replaced before the invocation
     * uses it; retries of the ledger's idempotent units of work during the invocation are logged with its request id.
     */
    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        invocations.begin();
        try {
            return routes.handle(event);
        } finally {
            invocations.end(context == null ? null : context.getAwsRequestId());
        }
    }

    /** The context this execution environment runs on. */
    static ConfigurableApplicationContext context() {
        return CONTEXT;
    }
}
// end::handler[]
