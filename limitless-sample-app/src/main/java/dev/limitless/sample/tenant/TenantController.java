package dev.limitless.sample.tenant;

import dev.limitless.guard.ShardScope;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code GET /tenant/summary} with the account in the {@code X-Account-Id} header, and
 * {@code GET /tenant/accounts/{accountId}/summary}: the same key-less statements, scoped by the header's resolver or by
 * {@code @ShardScoped} over the path variable.
 */
@RestController
@RequestMapping("/tenant")
class TenantController {

    private final TenantActivity activity;

    TenantController(TenantActivity activity) {
        this.activity = activity;
    }

    @GetMapping("/summary")
    TenantSummary summary() {
        if (ShardScope.activeKey() == null) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "Send the account in the " + TenantScopeConfiguration.ACCOUNT_HEADER + " header.");
        }
        return activity.summary().orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No such account."));
    }

    @GetMapping("/accounts/{accountId}/summary")
    TenantSummary summaryOf(@PathVariable UUID accountId) {
        return activity.summaryOf(accountId)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No such account."));
    }
}
