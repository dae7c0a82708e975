package org.careline.triage.classify;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.careline.events.Category;
import org.careline.events.MessageTopic;
import org.careline.events.Urgency;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The triage rules as data (a JSON resource such as {@code triage-rules-v1.json}), so that clinical
 * reviewers change phrases without touching code and every decision names the rules version.
 *
 * @param negationCues      words that, shortly before a phrase in the same clause, negate it ("no", "denies")
 * @param negationWindow    how many words before a phrase are searched for a negation cue
 * @param clauseBreaks      words that end a clause like punctuation does ("but"), so negation does not leak
 * @param redFlags          phrases that set the urgency, most severe first within each urgency
 * @param categoryKeywords  phrases counted per category when no red flag decides the category
 * @param topicHints        the category the patient's chosen topic suggests
 * @param topicHintWeight   how many keyword hits the topic hint is worth
 */
@RegisterForReflection
public record TriageRules(
        String version,
        List<String> negationCues,
        int negationWindow,
        List<String> clauseBreaks,
        List<RedFlag> redFlags,
        Map<Category, List<String>> categoryKeywords,
        Map<MessageTopic, Category> topicHints,
        int topicHintWeight,
        ConfidenceScores confidence) {

    /**
     * A red flag fires when one of its phrases is present and not negated, and, if {@code requiresAny}
     * is given, one of those phrases is present too (e.g. "stiff neck" only with a fever).
     */
    @RegisterForReflection
    public record RedFlag(String id, Urgency urgency, Category category, List<String> phrases,
                          List<String> requiresAny) {
    }

    /** The confidence reported for each way a decision can be reached. */
    @RegisterForReflection
    public record ConfidenceScores(double redFlag, double keywordsAndTopic, double keywords, double topicOnly,
                                   double fallback) {
    }

    /** Reads and checks rules from the classpath; fails fast on a missing or inconsistent file. */
    public static TriageRules fromClasspath(String resource) {
        ObjectMapper mapper = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        try (InputStream in = TriageRules.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("triage rules resource not found: " + resource);
            }
            return mapper.readValue(in, TriageRules.class).checked();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read triage rules " + resource, e);
        }
    }

    TriageRules checked() {
        require(version != null && !version.isBlank(), "a version");
        require(negationCues != null && negationWindow >= 0, "negation cues and a window >= 0");
        require(redFlags != null && categoryKeywords != null && topicHints != null && confidence != null,
                "redFlags, categoryKeywords, topicHints and confidence");
        for (RedFlag flag : redFlags) {
            require(flag.id() != null && flag.urgency() != null && flag.category() != null
                    && flag.phrases() != null && !flag.phrases().isEmpty(), "an id, urgency, category and phrases per red flag");
        }
        return this;
    }

    private void require(boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException("triage rules " + version + " need " + what);
        }
    }
}
