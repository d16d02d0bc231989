package org.proxyconfig.adapters.egress;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;

/** The body as it arrives; a failure while reading it keeps its kind (a read timeout is a timeout). */
final class ClassifiedBody extends FilterInputStream {
    private final RouteProfile profile;
    private final String target;

    ClassifiedBody(InputStream in, RouteProfile profile, String target) {
        super(in);
        this.profile = profile;
        this.target = target;
    }

    @Override
    public int read() throws IOException {
        try {
            return super.read();
        } catch (InterruptedIOException e) {
            throw e;
        } catch (IOException e) {
            throw Failures.classify(e, profile, target);
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            return super.read(b, off, len);
        } catch (InterruptedIOException e) {
            throw e;
        } catch (IOException e) {
            throw Failures.classify(e, profile, target);
        }
    }
}
