package org.careline.triage.classify;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Classify time per message of the shipped pipeline (rules, model and visit rules) over every shipped labelled message
 * ({@code triage/*.jsonl}), not part of the build (no {@code *Test} suffix), and the word matcher alone old
 * ({@link ReferenceWordMatcher}) against new ({@link WordMatcher}) on every (rule word, message word) pair of those
 * messages, interleaved in one run. Prints figures; with {@code -Dbenchmark.dump=FILE} also writes every decision,
 * explanation and visit recommendation, and with {@code -Dbenchmark.features=FILE} every message's model features, to
 * compare two builds. With {@code -Dbenchmark.compare=true} it times the phrase index against the plain scan (every
 * phrase at every position, {@link CompiledRules#referenceScan}) in alternating rounds of the same JVM. Run:
 * <pre>./mvnw -o -f triage-service/pom.xml test -Dtest=ClassifyBenchmark [-Dbenchmark.passes=20]</pre>
 * {@link #main} runs the same in a plain JVM, so that builds can be timed alternately (docs/performance.md).
 */
class ClassifyBenchmark {

    public static void main(String[] args) throws IOException {
        new ClassifyBenchmark().classifyTimePerMessage();
    }

    /** The shipped pipeline on its own compiled rules. */
    private static final class Pipeline {
        final ClinicalRulesClassifier rules = new ClinicalRulesClassifier(TriageRules.fromClasspath("triage-rules.json"));
        final ModelSettings settings = ModelSettings.fromClasspath("triage-model.json");
        final RulesWithModelClassifier classifier = new RulesWithModelClassifier(rules, TriageModel.fromClasspath(
                "triage-model-weights.json", rules, settings));
        final VisitRules visits = new VisitRules(rules);

        Classification run(MessageText text) {
            Classification c = classifier.classify(text);
            visits.recommend(text, c);
            return c;
        }

        /** Microseconds per message of {@code passes} passes over the corpus, sorted. */
        double[] time(List<LabelledMessage> corpus, int passes) {
            double[] perMessage = new double[passes];
            for (int p = 0; p < passes; p++) {
                long started = System.nanoTime();
                for (LabelledMessage m : corpus) {
                    run(m.text());
                }
                perMessage[p] = (System.nanoTime() - started) / 1e3 / corpus.size();
            }
            Arrays.sort(perMessage);
            return perMessage;
        }
    }

    @Test
    void classifyTimePerMessage() throws IOException {
        int passes = Integer.getInteger("benchmark.passes", 20);
        List<LabelledMessage> corpus = MatcherCorpus.messages();
        Pipeline pipeline = new Pipeline();

        List<String> dump = new ArrayList<>();
        for (LabelledMessage m : corpus) {
            Classification c = pipeline.classifier.classify(m.text());
            dump.add(m.id() + "\t" + c.urgency() + "\t" + c.category() + "\t" + c.confidence() + "\t" + c.explanation()
                    + "\t" + pipeline.visits.recommend(m.text(), c).map(VisitRecommendation::explanation).orElse("-"));
        }
        String file = System.getProperty("benchmark.dump");
        if (file != null) {
            Files.write(Path.of(file), dump);
        }
        String featuresFile = System.getProperty("benchmark.features");
        if (featuresFile != null) {
            ModelFeatures features = new ModelFeatures(pipeline.rules, pipeline.settings);
            List<String> lines = new ArrayList<>();
            for (LabelledMessage m : corpus) {
                lines.add(m.id() + "\t" + features.of(m.text(), pipeline.rules.classify(m.text()).urgency()));
            }
            Files.write(Path.of(featuresFile), lines);
        }
        if (Boolean.getBoolean("benchmark.compare")) {
            indexAgainstPlainScan(corpus, passes);
            return;
        }
        double[] perMessage = pipeline.time(corpus, passes);
        System.out.printf("BENCHMARK classify: %d messages x %d passes, median %.0f us per message (min %.0f, max %.0f),"
                        + " load average %s%n", corpus.size(), passes, perMessage[passes / 2], perMessage[0],
                perMessage[passes - 1], MatcherCorpus.loadAverage());
        if (!Boolean.getBoolean("benchmark.skipMatcher")) {
            matcherOldAgainstNew(passes);
        }
    }

    /** Rounds of {@code passes} passes, plain scan and index alternating (which goes first alternates too). */
    private static void indexAgainstPlainScan(List<LabelledMessage> corpus, int passes) {
        Pipeline indexed = new Pipeline();
        Pipeline plain = new Pipeline();
        plain.rules.compiled().referenceScan = true;
        int rounds = Integer.getInteger("benchmark.rounds", 6);
        double[] plainMedians = new double[rounds];
        double[] indexMedians = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            double[] first = (r % 2 == 0 ? plain : indexed).time(corpus, passes);
            double[] second = (r % 2 == 0 ? indexed : plain).time(corpus, passes);
            plainMedians[r] = (r % 2 == 0 ? first : second)[passes / 2];
            indexMedians[r] = (r % 2 == 0 ? second : first)[passes / 2];
            System.out.printf("BENCHMARK round %d (%s first): plain scan %.0f us, index %.0f us per message (%.1fx),"
                            + " load average %s%n", r + 1, r % 2 == 0 ? "plain" : "index", plainMedians[r],
                    indexMedians[r], plainMedians[r] / indexMedians[r], MatcherCorpus.loadAverage());
        }
        Arrays.sort(plainMedians);
        Arrays.sort(indexMedians);
        System.out.printf("BENCHMARK classify %d messages, %d rounds x %d passes: plain scan median %.0f us (%.0f-%.0f),"
                        + " index median %.0f us (%.0f-%.0f) per message: %.1fx%n", corpus.size(), rounds, passes,
                plainMedians[rounds / 2], plainMedians[0], plainMedians[rounds - 1], indexMedians[rounds / 2],
                indexMedians[0], indexMedians[rounds - 1], plainMedians[rounds / 2] / indexMedians[rounds / 2]);
    }

    private static void matcherOldAgainstNew(int passes) {
        TriageRules.Matching settings = TriageRules.fromClasspath("triage-rules.json").matching();
        WordMatcher matcher = new WordMatcher(settings.minLength(), settings.longLength());
        ReferenceWordMatcher reference = new ReferenceWordMatcher(settings.minLength(), settings.longLength());
        String[] ruleWords = MatcherCorpus.ruleWords().toArray(String[]::new);
        String[] messageWords = MatcherCorpus.messageWords().toArray(String[]::new);
        double[] oldNs = new double[passes];
        double[] newNs = new double[passes];
        long sink = 0;
        for (int p = 0; p < passes; p++) {
            long t0 = System.nanoTime();
            for (String r : ruleWords) {
                for (String w : messageWords) {
                    sink += reference.matches(r, w) ? 1 : 0;
                }
            }
            long t1 = System.nanoTime();
            for (String r : ruleWords) {
                for (String w : messageWords) {
                    sink += matcher.matches(r, w) ? 1 : 0;
                }
            }
            long t2 = System.nanoTime();
            double pairs = (double) ruleWords.length * messageWords.length;
            oldNs[p] = (t1 - t0) / pairs;
            newNs[p] = (t2 - t1) / pairs;
        }
        Arrays.sort(oldNs);
        Arrays.sort(newNs);
        System.out.printf("BENCHMARK word matcher: %d rule words x %d message words, median old %.1f ns per pair,"
                        + " new %.1f ns per pair, %.1fx faster (matches counted: %d), load average %s%n",
                ruleWords.length, messageWords.length, oldNs[passes / 2], newNs[passes / 2],
                oldNs[passes / 2] / newNs[passes / 2], sink, MatcherCorpus.loadAverage());
    }
}
