package dev.limitless.autoconfigure.conformance.scatterquery;

import dev.limitless.autoconfigure.conformance.tasktracker.Board;
import java.util.List;
import java.util.UUID;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;

/** A @Query that runs on every shard: refused at start-up by default, started under limitless.guard.scatter=warn. */
public interface BoardSearch extends Repository<Board, UUID> {

    @Query("SELECT * FROM boards WHERE name = :name")
    List<Board> byName(@Param("name") String name);
}
