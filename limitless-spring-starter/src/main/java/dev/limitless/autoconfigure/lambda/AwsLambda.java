package dev.limitless.autoconfigure.lambda;

import org.springframework.core.env.Environment;

/** How we recognise an AWS Lambda execution environment: the variables the runtime always sets. */
final class AwsLambda {

    static final String FUNCTION_NAME = "AWS_LAMBDA_FUNCTION_NAME";

    private AwsLambda() {
    }

    static boolean isRunningIn(Environment environment) {
        String name = environment.getProperty(FUNCTION_NAME);
        return name != null && !name.isBlank();
    }
}
