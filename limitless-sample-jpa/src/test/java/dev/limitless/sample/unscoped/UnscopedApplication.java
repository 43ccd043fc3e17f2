package dev.limitless.sample.unscoped;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** An application with one derived query that reads every shard ({@link WalletRepository}): it must not start. */
@SpringBootApplication
public class UnscopedApplication {
}
