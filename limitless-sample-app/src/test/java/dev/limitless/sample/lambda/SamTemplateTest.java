package dev.limitless.sample.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Keeps aws/template.yaml in step with the code it deploys. */
class SamTemplateTest {

    private static final Path TEMPLATE = Path.of("aws", "template.yaml");

    @Test
    void everyHandlerOfTheTemplateIsARequestHandlerOfThisModule() throws Exception {
        Matcher handlers = Pattern.compile("Handler: (\\S+)::handleRequest").matcher(Files.readString(TEMPLATE));
        List<String> classes = new ArrayList<>();
        while (handlers.find()) {
            classes.add(handlers.group(1));
        }

        assertThat(classes).containsExactlyInAnyOrder(LedgerLambdaHandler.class.getName(), MigrationHandler.class.getName(),
                BookingQueueLambdaHandler.class.getName());
        for (String name : classes) {
            assertThat(RequestHandler.class.isAssignableFrom(Class.forName(name, false, getClass().getClassLoader()))).isTrue();
        }
    }

    @Test
    void declaresTheBookingQueueItsDeadLetterQueueAndABoundedEventSourceWithPartialBatchResponses() throws IOException {
        String template = Files.readString(TEMPLATE);

        assertThat(template).contains("BookingQueue:\n    Type: AWS::SQS::Queue")
                .contains("BookingDeadLetterQueue:\n    Type: AWS::SQS::Queue")
                .contains("deadLetterTargetArn: !GetAtt BookingDeadLetterQueue.Arn")
                .contains("maxReceiveCount: !Ref BookingMaxReceiveCount")
                .contains("Type: SQS")
                .contains("Queue: !GetAtt BookingQueue.Arn")
                .contains("BatchSize: !Ref BookingBatchSize")
                .contains("FunctionResponseTypes:\n              - ReportBatchItemFailures")
                .contains("MaximumConcurrency: !Ref BookingMaximumConcurrency")
                .contains("LEDGER_BOOKINGS_QUEUEURL: !Ref BookingQueue")
                .contains("SQSSendMessagePolicy").contains("SQSPollerPolicy");
        // the queue function's handler answers with partial batch responses
        assertThat(RequestHandler.class.isAssignableFrom(BookingQueueLambdaHandler.class)).isTrue();
    }

    @Test
    void deploysThePackageThatTheLambdaProfileBuilds() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"));

        assertThat(pom).contains("<finalName>limitless-sample-app</finalName>");
        assertThat(Files.readString(TEMPLATE)).contains("CodeUri: ../target/limitless-sample-app-lambda.zip");
    }

    @Test
    void grantsOnlyRdsDbConnectForTheConfiguredUser() throws IOException {
        String template = Files.readString(TEMPLATE);

        assertThat(template).containsOnlyOnce("Action: rds-db:connect");
        assertThat(template).contains(":dbuser:${DatabaseResourceId}/${DatabaseUser}");
        assertThat(template).contains("postgres_limitless");
    }
}
