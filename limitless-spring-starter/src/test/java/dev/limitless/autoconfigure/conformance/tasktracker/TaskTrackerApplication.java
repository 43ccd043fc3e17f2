package dev.limitless.autoconfigure.conformance.tasktracker;

import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** What @SpringBootApplication would register: this package for entities and repositories, and its components. */
@Configuration(proxyBeanMethods = false)
@AutoConfigurationPackage
@Import(BoardReport.class)
public class TaskTrackerApplication {
}
