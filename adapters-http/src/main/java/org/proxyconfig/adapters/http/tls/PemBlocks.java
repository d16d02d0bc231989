package org.proxyconfig.adapters.http.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The blocks of a PEM file (RFC 7468): a label and the DER bytes between its BEGIN and END lines.
 * Text outside the blocks (openssl's "Bag Attributes", comments) is ignored, as openssl does.
 */
record PemBlocks(List<Block> blocks) {

    record Block(String label, byte[] der) {
    }

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END ([A-Z0-9 ]+)-----", Pattern.DOTALL);

    static PemBlocks read(TlsSetting setting, Path path) {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new InvalidTlsFileException(setting, path, "cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        List<Block> blocks = new ArrayList<>();
        Matcher matcher = BLOCK.matcher(text);
        while (matcher.find()) {
            String label = matcher.group(1);
            if (!label.equals(matcher.group(3))) {
                throw new InvalidTlsFileException(setting, path, "the block '" + label + "' ends with END " + matcher.group(3));
            }
            try {
                blocks.add(new Block(label, Base64.getMimeDecoder().decode(matcher.group(2).strip())));
            } catch (IllegalArgumentException e) {
                throw new InvalidTlsFileException(setting, path, "the block '" + label + "' is not valid base64");
            }
        }
        if (blocks.isEmpty()) {
            throw new InvalidTlsFileException(setting, path, "is not a PEM file (no -----BEGIN ...----- block)");
        }
        return new PemBlocks(List.copyOf(blocks));
    }

    List<Block> labelled(String label) {
        return blocks.stream().filter(b -> b.label().equals(label)).toList();
    }

    String labels() {
        return String.join(", ", blocks.stream().map(Block::label).distinct().toList());
    }
}
