package org.careline.bench;

/** Maps the triage dev set's labelled category to the topic a patient would pick in the app. */
public final class Corpus {

    private Corpus() {
    }

    public static String topicFor(String category) {
        return switch (category == null ? "" : category) {
            case "MEDICATION" -> "MEDICATION";
            case "APPOINTMENT" -> "APPOINTMENT";
            case "TEST_RESULTS" -> "TEST_RESULTS";
            case "CLINICAL" -> "CLINICAL_QUESTION";
            case "BILLING" -> "BILLING";
            case "ADMINISTRATIVE" -> "PAPERWORK";
            default -> "OTHER";
        };
    }
}
