package org.careline.messaging.service;

import java.util.Optional;

/**
 * Detects an attachment's type from its first bytes (magic numbers), never from the request's
 * Content-Type or a file name. Only PDF, JPEG and PNG are accepted.
 */
public final class AttachmentTypes {

    public static final String PDF = "application/pdf";
    public static final String JPEG = "image/jpeg";
    public static final String PNG = "image/png";

    private static final byte[] PDF_MAGIC = {'%', 'P', 'D', 'F', '-'};
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final byte[] JPEG_MAGIC = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};

    private AttachmentTypes() {
    }

    public static Optional<String> detect(byte[] content) {
        if (startsWith(content, PDF_MAGIC)) {
            return Optional.of(PDF);
        }
        if (startsWith(content, PNG_MAGIC)) {
            return Optional.of(PNG);
        }
        if (startsWith(content, JPEG_MAGIC)) {
            return Optional.of(JPEG);
        }
        return Optional.empty();
    }

    /** The file extension for a detected type, for the download's file name. */
    public static String extension(String mediaType) {
        return switch (mediaType) {
            case PDF -> "pdf";
            case PNG -> "png";
            case JPEG -> "jpg";
            default -> "bin";
        };
    }

    private static boolean startsWith(byte[] content, byte[] magic) {
        if (content.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (content[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
