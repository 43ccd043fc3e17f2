package dev.limitless.autoconfigure.conformance.tasktracker;

import org.springframework.data.repository.ListCrudRepository;

public interface LabelRepository extends ListCrudRepository<Label, String> {
}
