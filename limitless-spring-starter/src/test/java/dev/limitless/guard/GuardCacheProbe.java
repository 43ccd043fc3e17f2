package dev.limitless.guard;

/** Lets the starter's tests see whether a text's analysis is cached (the guard keeps that package-private). */
public final class GuardCacheProbe {

    private GuardCacheProbe() {
    }

    public static boolean isCached(ShardScopeGuard guard, String sql) {
        return guard.isCached(sql);
    }
}
