package org.proxyconfig.adapters.http.tls;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Just enough DER (X.690) to wrap the traditional RSA and EC key encodings in PKCS#8, the one form
 * the JDK's key factories read: write a TLV, and list the elements inside a SEQUENCE.
 */
final class Der {

    static final int INTEGER = 0x02;
    static final int OCTET_STRING = 0x04;
    static final int OBJECT_IDENTIFIER = 0x06;
    static final int SEQUENCE = 0x30;
    /** [0], constructed: where SEC1 keeps the curve. */
    static final int CONTEXT_0 = 0xA0;

    /** An element: its tag and its whole encoding (tag, length and content). */
    record Element(int tag, byte[] encoded, int contentOffset) {
        byte[] content() {
            return Arrays.copyOfRange(encoded, contentOffset, encoded.length);
        }
    }

    private Der() {
    }

    static byte[] tlv(int tag, byte[]... parts) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (byte[] part : parts) content.writeBytes(part);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = content.size();
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) out.write(length >>> (8 * i));
        }
        out.writeBytes(content.toByteArray());
        return out.toByteArray();
    }

    /** The elements of the SEQUENCE {@code der}; throws IllegalArgumentException when it is not one. */
    static List<Element> sequence(byte[] der) {
        Element outer = read(der, 0);
        if (outer.tag() != SEQUENCE || outer.encoded().length != der.length) {
            throw new IllegalArgumentException("not a DER SEQUENCE");
        }
        List<Element> elements = new ArrayList<>();
        for (int offset = outer.contentOffset(); offset < der.length; ) {
            Element element = read(der, offset);
            elements.add(element);
            offset += element.encoded().length;
        }
        return elements;
    }

    private static Element read(byte[] der, int offset) {
        if (offset + 2 > der.length) throw new IllegalArgumentException("truncated DER");
        int tag = der[offset] & 0xFF;
        int first = der[offset + 1] & 0xFF;
        int header = 2;
        long length = first;
        if (first >= 0x80) {
            int bytes = first & 0x7F;
            if (bytes == 0 || bytes > 4 || offset + 2 + bytes > der.length) throw new IllegalArgumentException("bad DER length");
            length = 0;
            for (int i = 0; i < bytes; i++) length = (length << 8) | (der[offset + 2 + i] & 0xFF);
            header += bytes;
        }
        if (offset + header + length > der.length) throw new IllegalArgumentException("truncated DER");
        return new Element(tag, Arrays.copyOfRange(der, offset, (int) (offset + header + length)), header);
    }
}
