package dev.limitless.autoconfigure.conformance.tasktracker;

import org.springframework.data.annotation.Id;

/** A standard table: no annotation at all (not even @Table), not in the catalog. */
public record Label(@Id String code, String color) {
}
