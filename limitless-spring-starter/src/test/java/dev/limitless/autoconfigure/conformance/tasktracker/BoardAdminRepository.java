package dev.limitless.autoconfigure.conformance.tasktracker;

import dev.limitless.guard.AllowScatter;
import java.util.List;
import java.util.UUID;
import org.springframework.data.repository.Repository;

/** Allowed to scatter as a whole: every method, counted on limitless.repository.scatter.allowed. */
@AllowScatter(reason = "admin listing of every board")
public interface BoardAdminRepository extends Repository<Board, UUID> {

    List<Board> findAll();
}
