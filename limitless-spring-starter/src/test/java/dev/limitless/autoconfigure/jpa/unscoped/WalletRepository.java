package dev.limitless.autoconfigure.jpa.unscoped;

import dev.limitless.guard.AllowScatter;
import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface WalletRepository extends JpaRepository<Wallet, UUID> {

    List<Wallet> findByOwner(String owner);

    List<Wallet> findByWalletIdOrOwner(UUID walletId, String owner);

    List<Wallet> findByWalletId(UUID walletId);

    @Query("select w from Wallet w where lower(w.owner) = lower(?1)")
    List<Wallet> byOwner(String owner);

    @Query(value = "select * from jpa_wallets where owner like :prefix", nativeQuery = true)
    List<Wallet> byPrefix(String prefix);

    @Query(value = "select w from Wallet w where w.walletId = :walletId", countQuery = "select count(w) from Wallet w")
    org.springframework.data.domain.Page<Wallet> page(UUID walletId, org.springframework.data.domain.Pageable pageable);

    @AllowScatter(reason = "nightly export")
    @Query("select w from Wallet w")
    List<Wallet> export();
}
