package org.careline.testsupport.fuzz;

import java.util.List;

/** The catalogue of hostile inputs the fuzzer draws from. */
public final class HostileValues {

    private HostileValues() {
    }

    /** Strings for any text position: injections, control characters, confusables, odd Unicode. */
    public static final List<String> STRINGS = List.of(
            "",
            " ",
            "' OR '1'='1",
            "'; DROP TABLE thread; --",
            "1; SELECT pg_sleep(0) --",
            "\" OR 1=1 --",
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "javascript:alert(1)",
            "${jndi:ldap://127.0.0.1/a}",
            "#{7*7}",
            "{{7*7}}",
            "%s%s%s%n",
            "../../../../etc/passwd",
            "..%2f..%2f",
            "\u0000",
            "nul\u0000in the middle",
            "\u0001\u0002\u0003\u0007\u001b[31m",
            "line\r\nInjected-Header: 1",
            "\t\n\r\u000b\u000c",
            "\u202eevil\u202c",
            "\u200b\u200c\u200d\ufeff",
            "аdmin",
            "ᴬᴰᴹᴵᴺ",
            "ＰＡＴＩＥＮＴ",
            "P\u0131-1001",
            "\ud83d\udc80\ud83d\udc89",
            "\ud800",
            "\udfff lone surrogate",
            "ǅ̸̢̛̛̞͓͍̠̘̪͔͚̪̤̓͑̈́̓͛͗̾̍͘",
            "null",
            "undefined",
            "true",
            "-1",
            "0",
            "9223372036854775808",
            "1e309",
            "NaN",
            "00000000-0000-0000-0000-000000000000",
            "ffffffff-ffff-ffff-ffff-ffffffffffff",
            "not-a-uuid",
            "123e4567-e89b-12d3-a456-42661417400",
            "123e4567-e89b-12d3-a456-4266141740000",
            "2024-02-30T25:61:61Z",
            "0000-00-00",
            "9999-12-31T23:59:59.999999999Z",
            "-999999999-01-01T00:00:00Z");

    /** Values for path segments (encoded before sending): malformed ids and traversal attempts. */
    public static final List<String> PATH_SEGMENTS = List.of(
            "not-a-uuid",
            "00000000-0000-0000-0000-000000000000",
            "123e4567-e89b-12d3-a456-42661417400Z",
            "-1",
            "0",
            "99999999999999999999999",
            "' OR '1'='1",
            "<script>alert(1)</script>",
            "..",
            "%00",
            "\u0000",
            "\u202e\u200b",
            "аdmin",
            "x".repeat(2000));

    /** Cursors: foreign, truncated, not base64, base64 of garbage, of JSON of the wrong shape. */
    public static final List<String> CURSORS = List.of(
            "",
            "!!!not-base64!!!",
            "eyJ",
            "AAAA",
            "eyJpZCI6IjEifQ",
            "eyJhdCI6Im5vdCBhIGRhdGUiLCJpZCI6Im5vdCBhIHV1aWQifQ",
            "bnVsbA",
            "W10",
            "e30",
            "' OR '1'='1",
            "x".repeat(2000));

    /** Numbers at and past the edges of every numeric type, as JSON number tokens. */
    public static final List<String> NUMBERS = List.of(
            "0", "-1", "-0", "1", "2147483647", "2147483648", "-2147483649", "9223372036854775807",
            "9223372036854775808", "-9223372036854775809", "1e309", "-1e309", "1.5", "1e-400",
            "123456789012345678901234567890123456789012345678901234567890");

    /** Number-ish text for query parameters declared numeric. */
    public static final List<String> NUMBER_TEXT = List.of(
            "-1", "0", "2147483648", "9223372036854775808", "1e309", "NaN", "Infinity", "abc", "1.5", "0x10", "");

    /** Bytes that are not UTF-8: lone continuation, overlong, surrogates, truncated sequences, 0xFF. */
    public static final byte[][] INVALID_UTF8 = {
            {(byte) 0x80},
            {(byte) 0xC0, (byte) 0xAF},
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            {(byte) 0xE2, (byte) 0x82},
            {(byte) 0xFF, (byte) 0xFE},
            {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}};

    /** A string of {@code size} characters, for size limits. */
    public static String huge(int size) {
        return "A".repeat(size);
    }
}
