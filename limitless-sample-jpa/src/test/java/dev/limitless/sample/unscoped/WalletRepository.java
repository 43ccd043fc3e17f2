package dev.limitless.sample.unscoped;

import java.util.List;
import java.util.UUID;
import org.springframework.data.repository.Repository;

public interface WalletRepository extends Repository<Wallet, UUID> {

    List<Wallet> findByWalletId(UUID walletId);

    List<Wallet> findByOwner(String owner);
}
