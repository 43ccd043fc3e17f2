package dev.limitless.autoconfigure.conformance.scatterquery;

import dev.limitless.autoconfigure.conformance.tasktracker.Board;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.context.annotation.Configuration;

/** An application whose only repository has a scatter @Query; entities come from the task tracker. */
@Configuration(proxyBeanMethods = false)
@AutoConfigurationPackage(basePackageClasses = {ScatterQueryApplication.class, Board.class})
public class ScatterQueryApplication {
}
