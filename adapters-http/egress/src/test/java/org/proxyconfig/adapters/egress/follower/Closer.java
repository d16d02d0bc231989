package org.proxyconfig.adapters.egress.follower;

import java.util.ArrayList;
import java.util.List;

/**
 * What a test opened (servers, followers), closed in reverse order after it: a field marked
 * {@code @AutoClose}, so each test class need not repeat the bookkeeping.
 */
final class Closer implements AutoCloseable {

    private final List<AutoCloseable> opened = new ArrayList<>();

    <T extends AutoCloseable> T closing(T resource) {
        opened.add(resource);
        return resource;
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable c : opened.reversed()) c.close();
    }
}
