package org.careline.triage.classify;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Classify time per message of the shipped pipeline (rules and model) over the dev set and every probe round, not
 * part of the build (no {@code *Test} suffix), and the word matcher alone old ({@link ReferenceWordMatcher}) against
 * new ({@link WordMatcher}) on every (rule word, message word) pair of those messages, interleaved in one run.
 * Prints figures; with {@code -Dbenchmark.dump=FILE} also writes every decision and explanation, to compare two
 * builds. Run:
 * <pre>./mvnw -o -f triage-service/pom.xml test -Dtest=ClassifyBenchmark [-Dbenchmark.passes=20]</pre>
 * {@link #main} runs the same in a plain JVM, so that builds can be timed alternately (docs/performance.md).
 */
class ClassifyBenchmark {

    public static void main(String[] args) throws IOException {
        new ClassifyBenchmark().classifyTimePerMessage();
    }

    @Test
    void classifyTimePerMessage() throws IOException {
        int passes = Integer.getInteger("benchmark.passes", 20);
        List<LabelledMessage> corpus = MatcherCorpus.messages();
        ClinicalRulesClassifier rules = new ClinicalRulesClassifier(TriageRules.fromClasspath("triage-rules.json"));
        RulesWithModelClassifier classifier = new RulesWithModelClassifier(rules, TriageModel.fromClasspath(
                "triage-model-weights.json", rules, ModelSettings.fromClasspath("triage-model.json")));

        List<String> dump = new ArrayList<>();
        for (LabelledMessage m : corpus) {
            Classification c = classifier.classify(m.text());
            dump.add(m.id() + "\t" + c.urgency() + "\t" + c.category() + "\t" + c.confidence() + "\t" + c.explanation());
        }
        String file = System.getProperty("benchmark.dump");
        if (file != null) {
            Files.write(Path.of(file), dump);
        }
        double[] perMessage = new double[passes];
        for (int p = 0; p < passes; p++) {
            long started = System.nanoTime();
            for (LabelledMessage m : corpus) {
                classifier.classify(m.text());
            }
            perMessage[p] = (System.nanoTime() - started) / 1e3 / corpus.size();
        }
        Arrays.sort(perMessage);
        System.out.printf("BENCHMARK classify: %d messages x %d passes, median %.0f us per message (min %.0f, max %.0f),"
                        + " load average %s%n", corpus.size(), passes, perMessage[passes / 2], perMessage[0],
                perMessage[passes - 1], MatcherCorpus.loadAverage());

        matcherOldAgainstNew(passes);
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
