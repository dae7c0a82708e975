package org.careline.triage.classify;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.careline.events.Category;
import org.careline.events.MessageTopic;
import org.careline.events.Urgency;
import org.careline.events.VisitReason;
import org.careline.events.VisitType;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The triage rules as data (JSON, e.g. {@code triage-rules.json}, or a version published through the
 * admin API), so that clinical reviewers change phrases, weights and thresholds without touching code,
 * and every decision names the rules version. The format is documented in the service README.
 *
 * @param concepts   named lists of phrases, referenced from phrases as {@code @name}
 * @param flags      urgency rules: the most severe one that fires sets the urgency; within an urgency, file order
 * @param readings   thresholds for numbers in the text (temperatures, blood pressures, glucose...)
 * @param categories keyword weights per category, used when no URGENT or EMERGENT flag decides the category
 * @param visits     visit rules (optional): when one fires on a patient message that is not EMERGENT, triage
 *                   recommends converting the thread into a visit request; the first that fires, in file order
 */
@RegisterForReflection
public record TriageRules(
        String version,
        String description,
        Matching matching,
        List<String> clauseBreaks,
        Cues negation,
        Cues hypothetical,
        Cues history,
        Map<String, List<String>> concepts,
        Readings readings,
        List<Flag> flags,
        Categories categories,
        List<VisitRule> visits) {

    /** Typo tolerance: one edit for words of {@code minLength} letters or more, two from {@code longLength}. */
    @RegisterForReflection
    public record Matching(int minLength, int longLength) {
    }

    /**
     * Context cues. Negation: a cue within {@code window} words before a phrase in its clause. Hypothetical:
     * a cue before the phrase in its clause, unless the word before the cue is in {@code except} ("not sure
     * if"). History: a cue anywhere in the phrase's clause, or a year when {@code years} is true.
     */
    @RegisterForReflection
    public record Cues(List<String> cues, Integer window, List<String> except, Boolean years) {
    }

    /**
     * An urgency rule. It fires when every group in {@code all} has a counting match (present, not
     * negated, not hypothetical, not historical); a group member may be a phrase or a reading tag such as
     * {@code #bp-severe}. {@code minFirst} asks for that many different matches in the first group.
     * {@code unless}: phrases whose counting presence anywhere stops the rule. {@code confidence}: reported
     * when this rule decides. {@code lowerable} (EMERGENT flags only, default false): the statistical layer may
     * lower this flag's EMERGENT to URGENT when the message has a non-acute frame ({@link #LOWERING_FRAME}: a bill,
     * a form, an awareness event, a past visit...) and the model is very sure it is no emergency; set only on
     * history-prone classes, never on overdose, suicide, double doses of dangerous drugs or infant fever.
     */
    @RegisterForReflection
    public record Flag(String id, Urgency urgency, Category category, List<List<String>> all, Integer minFirst,
                       List<String> unless, Boolean historyMatters, Double confidence, Boolean lowerable) {

        public boolean mayBeLowered() {
            return Boolean.TRUE.equals(lowerable) && urgency == Urgency.EMERGENT;
        }
    }

    /**
     * The concept naming a non-acute frame (billing, forms and records, awareness events and classes, a visit that
     * already evaluated the problem): a lowerable EMERGENT flag may be lowered only in a message where it occurs.
     */
    public static final String LOWERING_FRAME = "ctx-non-acute-frame";

    /** Numbers that matter. Temperatures in °F (°C converted). Lab limits per analyte. */
    @RegisterForReflection
    public record Readings(double feverF, double infantMonths, int bpSevereSystolic, int bpSevereDiastolic,
                           int bpPregnancySystolic, int bpPregnancyDiastolic, int glucoseVeryLow, int glucoseLow,
                           int glucoseHigh, int glucoseVeryHigh, int heartRateHigh, int heartRateVeryHigh,
                           int spo2Emergent, int spo2Low, int painModerate, Integer manyPills, List<Lab> labs) {
    }

    /** A lab analyte: its names and the limits beyond which a result is markedly abnormal. */
    @RegisterForReflection
    public record Lab(String id, List<String> names, Double low, Double high) {
    }

    /**
     * Category scoring. Each category's phrases carry a weight; a phrase in the subject counts
     * {@code subjectWeight} times; the patient's topic adds {@code topicHintWeight} to its category.
     * With no score at all the category is OTHER. In {@code negationAware} categories a keyword whose every
     * occurrence is negated does not count ("no fever, no cough, just need a work note" is not CLINICAL).
     */
    @RegisterForReflection
    public record Categories(Map<Category, Map<String, Double>> keywords, double subjectWeight,
                             Map<MessageTopic, Category> topicHints, double topicHintWeight,
                             double flagConfidence, double fallbackConfidence, List<Category> negationAware) {
    }

    /**
     * A visit rule. It fires when one of {@code phrases} has a counting match (not negated, hypothetical or, unless
     * {@code historyMatters} is false, historical) and the decision's urgency is in {@code urgencies} and its category
     * in {@code categories} (each optional: absent means any). Never fires on an EMERGENT decision (that is a 911
     * reply, not a visit). {@code visitType} and {@code reason} are the codes of the visit request it recommends.
     */
    @RegisterForReflection
    public record VisitRule(String id, List<String> phrases, VisitType visitType, VisitReason reason,
                            List<Urgency> urgencies, List<Category> categories, Boolean historyMatters) {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** Reads and checks rules from the classpath; fails fast on a missing or inconsistent file. */
    public static TriageRules fromClasspath(String resource) {
        try (InputStream in = TriageRules.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("triage rules resource not found: " + resource);
            }
            return MAPPER.readValue(in, TriageRules.class).checked();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read triage rules " + resource, e);
        }
    }

    /** Parses and checks a rules document; {@link InvalidRulesException} lists every problem found. */
    public static TriageRules parse(String json) {
        try {
            return MAPPER.readValue(json, TriageRules.class).checked();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // Jackson's message quotes the input: say only where the document went wrong
            String where = e instanceof com.fasterxml.jackson.databind.JsonMappingException mapping
                    && !mapping.getPath().isEmpty() ? " at " + mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(java.util.stream.Collectors.joining(".")) : "";
            String at = e.getLocation() != null
                    ? " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")" : "";
            throw new InvalidRulesException(List.of("not a rules document: malformed JSON or a wrongly typed value"
                    + where + at));
        }
    }

    /** Checks the document and compiles it once (every phrase and concept), collecting every problem. */
    public TriageRules checked() {
        List<String> problems = new ArrayList<>();
        if (version == null || version.isBlank() || version.length() > 100) {
            problems.add("version is required (at most 100 characters)");
        }
        if (matching == null || matching.minLength() < 3 || matching.longLength() < matching.minLength()) {
            problems.add("matching needs minLength >= 3 and longLength >= minLength");
        }
        if (negation == null || negation.cues() == null || negation.window() == null || negation.window() < 0) {
            problems.add("negation needs cues and a window >= 0");
        }
        if (hypothetical == null || hypothetical.cues() == null || history == null || history.cues() == null) {
            problems.add("hypothetical and history need cues");
        }
        if (concepts == null || readings == null || flags == null || flags.isEmpty() || categories == null
                || categories.keywords() == null || categories.topicHints() == null) {
            problems.add("concepts, readings, flags, categories (keywords, topicHints) are required");
        }
        if (flags != null) {
            Set<String> ids = new HashSet<>();
            for (Flag flag : flags) {
                if (flag.id() == null || !ids.add(flag.id())) {
                    problems.add("every flag needs a unique id (" + flag.id() + ")");
                }
                if (flag.urgency() == null || flag.category() == null || flag.all() == null || flag.all().isEmpty()
                        || flag.all().stream().anyMatch(g -> g == null || g.isEmpty())) {
                    problems.add("flag " + flag.id() + " needs an urgency, a category and non-empty groups in 'all'");
                }
                if (Boolean.TRUE.equals(flag.lowerable()) && flag.urgency() != Urgency.EMERGENT) {
                    problems.add("flag " + flag.id() + " is lowerable but not EMERGENT");
                }
                if (flag.confidence() != null && (flag.confidence() < 0 || flag.confidence() > 1)) {
                    problems.add("flag " + flag.id() + " confidence must be in [0, 1]");
                }
            }
        }
        if (visits != null) {
            checkVisits(problems);
        }
        if (problems.isEmpty()) {
            try {
                new CompiledRules(this);
            } catch (IllegalStateException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRulesException(problems);
        }
        return this;
    }

    private void checkVisits(List<String> problems) {
        Set<String> ids = new HashSet<>();
        for (VisitRule visit : visits) {
            if (visit == null || visit.id() == null || visit.id().isBlank() || !ids.add(visit.id())) {
                problems.add("every visit rule needs a unique id (" + (visit == null ? null : visit.id()) + ")");
                continue;
            }
            if (visit.phrases() == null || visit.phrases().isEmpty() || visit.visitType() == null
                    || visit.reason() == null) {
                problems.add("visit rule " + visit.id() + " needs phrases, a visitType and a reason");
            }
            if (visit.urgencies() != null && visit.urgencies().contains(Urgency.EMERGENT)) {
                problems.add("visit rule " + visit.id() + " cannot apply to EMERGENT (that is a 911 reply, not a visit)");
            }
        }
    }

    /** The document as JSON, as stored and served by the admin API. */
    public String toJson() {
        try {
            return MAPPER.writeValueAsString(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
