package dev.limitless.iam;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** Static, made-up AWS credentials: nothing here can sign anything real. */
final class TestCredentials {

    static final String ACCESS_KEY = "AKIDLIMITLESSTEST01";
    static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYLIMITLESSKEY";
    static final String SESSION_TOKEN = "IQoJb3JpZ2luX2VjELIMITLESS/SESSION+TOKEN==";

    static final StaticCredentialsProvider BASIC =
            StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
    static final StaticCredentialsProvider SESSION =
            StaticCredentialsProvider.create(AwsSessionCredentials.create(ACCESS_KEY, SECRET_KEY, SESSION_TOKEN));

    private TestCredentials() {
    }
}
