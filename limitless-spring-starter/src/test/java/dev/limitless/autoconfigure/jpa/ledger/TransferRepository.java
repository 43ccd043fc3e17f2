package dev.limitless.autoconfigure.jpa.ledger;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

public interface TransferRepository extends Repository<Transfer, Long> {

    Transfer save(Transfer transfer);

    List<Transfer> saveAll(Iterable<Transfer> transfers);

    List<Transfer> findByAccountId(UUID accountId);

    Optional<Transfer> findByAccountIdAndId(UUID accountId, Long id);

    List<Transfer> findByAccountIdIn(Collection<UUID> accountIds);

    long countByAccountId(UUID accountId);

    @Query(value = "select * from transfers where account_id = :accountId and amount_cents > :min", nativeQuery = true)
    List<Transfer> large(UUID accountId, long min);

    @Modifying
    @Query("update Transfer t set t.memo = :memo where t.accountId = :accountId")
    int relabel(UUID accountId, String memo);
}
