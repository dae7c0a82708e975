package org.careline.triage.classify;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.IntConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Numbers that matter, turned into tags the flags use ({@code #fever-reading}, {@code #infant},
 * {@code #bp-severe}, {@code #glucose-very-low}, {@code #spo2-emergent}, {@code #lab-critical}...).
 * Thresholds come from the rules; the numbers themselves never leave this class.
 */
final class ReadingTags {

    private static final Pattern NUMBER = Pattern.compile("^(\\d{1,4}(?:\\.\\d+)?)([a-z]*)$");
    private static final Pattern BP = Pattern.compile("(?<![\\d/.])(\\d{2,3})\\s*(?:/|over)\\s*(\\d{2,3})(?![\\d/])");
    private static final Pattern PAIN = Pattern.compile("(?<![\\d/.])(\\d{1,2})\\s*(?:/|out of|de)\\s*10(?![\\d/])");
    private static final Pattern AGE = Pattern.compile(
            "(?<![\\d/.])(\\d{1,3})(?:\\s+1/2|\\s+and a half)?\\s*-?\\s*(days?|dys?|weeks?|wks?|months?|mos?|mths?)\\s*-?\\s*old");
    private static final Pattern AGE_ES = Pattern.compile(
            "(?:bebe|bebita|bebito|hijo|hija|nino|nina|nieto|nieta)\\s+(?:de\\s+|tiene\\s+|ya tiene\\s+)?(\\d{1,3})\\s+"
            + "(dias?|semanas?|mes|meses)\\b(?!\\s+de\\s+embarazo)");
    /** "my 6 week baby", "she's 6 weeks" (not "6 weeks pregnant", "6 weeks ago", "2 weeks out from surgery"). */
    private static final Pattern AGE_BEFORE_BABY = Pattern.compile(
            "(?<![\\d/.])(\\d{1,2})\\s*-?\\s*(days?|weeks?|wks?|months?|mos?)\\s*-?\\s*(?:baby|babe|infant|newborn|son|daughter|girl|boy)\\b");
    private static final Pattern AGE_AFTER_BABY = Pattern.compile(
            "\\b(?:shes|hes|baby is|infant is|newborn is|son is|daughter is)\\s+(?:only\\s+|just\\s+)?(\\d{1,2})\\s*(days?|weeks?|wks?)\\b"
            + "(?!\\s+(?:pregnant|along|ago|postpartum|post|out|into|since|after|of|from|late|early|overdue))");
    /** "took like 30 tylenol", "swallowed about 20 of my sleeping pills": a count of tablets, not a dose in units. */
    private static final Pattern PILL_COUNT = Pattern.compile(
            "\\b(?:took|taken|swallowed|downed|popped|tome|tomo)\\s+(?:(?:like|about|around|maybe|over|almost|at least|"
                    + "some|como|unas|unos|mas de)\\s+)?(\\d{1,3})\\s+([a-z]+)");
    private static final Set<String> NOT_A_PILL_COUNT = Set.of("u", "iu", "unit", "units", "unidades", "mg", "mcg", "ml",
            "cc", "g", "gr", "grams", "mgs", "min", "mins", "minute", "minutes", "minutos", "hour", "hours", "hr", "hrs",
            "horas", "day", "days", "dias", "week", "weeks", "semanas", "month", "months", "year", "years", "sec",
            "seconds", "steps", "puffs", "puff", "drops", "degrees", "percent", "lbs", "pounds", "kg", "oz", "am", "pm",
            "carbs", "calories", "sips", "bites", "breaths", "times", "veces");
    private static final Pattern NEWBORN = Pattern.compile("\\b(newborn|recien nacid[oa])\\b");

    private static final Set<String> TEMPERATURE = Set.of("fever", "temp", "temperature", "fiebre", "temperatura",
            "degrees", "grados", "f", "rectal", "oral", "thermometer", "forehead", "axillary", "febrile", "tmax",
            "calentura", "temps", "arm", "armpit", "underarm", "ear", "rectally", "orally", "temporal", "tympanic",
            "celsius", "fahrenheit", "hot", "warm");
    private static final Pattern BARE_FAHRENHEIT = Pattern.compile("^10[0-6]\\.\\df?$");
    private static final Pattern BARE_CELSIUS = Pattern.compile("^(3[89]|4[01])\\.\\dc?$");
    /** Units right after a bare 38.0-41.9 that make it something else than a Celsius temperature (weeks, distances). */
    private static final Set<String> NOT_A_CELSIUS_UNIT = Set.of("week", "weeks", "wks", "wk", "semanas", "hours", "hrs",
            "hour", "minutes", "min", "mins", "years", "yrs", "months", "inches", "in", "cm", "mm", "km", "k", "miles", "mi");
    /** Words near a bare 38.0-41.9 that make it a size or a lab value. */
    private static final Set<String> NOT_A_CELSIUS = Set.of("size", "hemoglobin", "hgb", "hct", "hematocrit", "albumin",
            "a1c", "bmi", "waist", "gestation");
    private static final Set<String> NOT_A_TEMPERATURE = Set.of("lb", "lbs", "pound", "pounds", "kg", "kgs", "kilos",
            "weight", "weighs", "weighed", "weigh", "mg", "mcg", "ml", "units", "unit", "u", "iu", "percent", "miles",
            "mph", "dollars", "usd", "bill", "billed", "charge", "charged", "owe", "paid", "pay", "balance", "cost",
            "copay", "fm", "am", "pm", "ldl", "hdl", "cholesterol", "triglycerides", "level", "levels", "score", "iq");
    /**
     * Words that make a temperature near them the air's or a thing's (a car, a fridge, the weather), unless a body
     * temperature word ({@link #BODY_TEMPERATURE}) is near the number too: "the pen got down to 38 degrees in the car".
     */
    private static final Set<String> AMBIENT = Set.of("car", "cars", "truck", "trunk", "garage", "fridge", "refrigerator",
            "freezer", "cooler", "outside", "outdoors", "weather", "forecast", "room", "house", "apartment", "thermostat",
            "oven", "water", "bath", "bathwater", "pool", "porch", "mailbox", "shipped", "shipping", "delivery",
            "delivered", "storage", "stored", "nevera", "refrigerador", "afuera", "carro", "coche", "cuarto", "clima");
    /** Words that say a temperature is a person's, whatever else is near. */
    private static final Set<String> BODY_TEMPERATURE = Set.of("fever", "temp", "temperature", "fiebre", "temperatura",
            "rectal", "oral", "thermometer", "forehead", "axillary", "febrile", "tmax", "calentura", "temps", "armpit",
            "underarm", "rectally", "orally", "temporal", "tympanic");
    /** Words right after a number that make it something else than a lab value: "my 6 year old", "at 9 am". */
    private static final Set<String> NOT_A_LAB_UNIT = Set.of("year", "years", "yr", "yrs", "yo", "month", "months", "week",
            "weeks", "day", "days", "hour", "hours", "hrs", "minutes", "mins", "am", "pm", "mg", "mcg", "units", "lbs",
            "pounds", "anos", "meses", "semanas", "dias", "horas");
    /** Words before a lab's later number that make it a value to check too: "went from 10.1 to 7.4", "was 9, now 6.8". */
    private static final Set<String> NOW_VALUE = Set.of("to", "now", "a", "hasta", "ahora", "says", "shows", "showed",
            "reads", "dice", "salio");
    private static final Set<String> GLUCOSE = Set.of("sugar", "sugars", "glucose", "bg", "bs", "glucometer",
            "cgm", "dexcom", "libre", "azucar", "glucosa", "glucemia", "glicemia", "fingerstick");
    private static final Set<String> HEART_RATE = Set.of("hr", "pulse", "heartrate", "rate", "bpm", "pulso", "racing", "pounding",
            "heart", "corazon");
    private static final Set<String> OXYGEN = Set.of("o2", "spo2", "oxygen", "sat", "sats", "saturation",
            "oximeter", "ox", "oxigeno", "saturacion", "oxigenacion", "oximetro", "saturando", "satura");

    private ReadingTags() {
    }

    /**
     * The tags of a message (the same set for the rules and the model's features: computed once per scanned text and
     * compiled rules). Not to be modified.
     */
    static Set<String> of(ScannedText text, CompiledRules compiled) {
        return text.memo(compiled.readingTags, () -> Collections.unmodifiableSet(read(text, compiled)));
    }

    private static Set<String> read(ScannedText text, CompiledRules compiled) {
        TriageRules.Readings r = compiled.rules.readings();
        Set<String> tags = new LinkedHashSet<>();
        List<String> words = text.words();
        String normalized = text.normalized();

        OptionalDouble temperature = max(words, TEMPERATURE, 4, 3, 35, 108);
        if (temperature.isPresent() && temperature.getAsDouble() >= r.feverF()) {
            tags.add("#fever-reading");
        }
        if (bareFahrenheit(words, r.feverF())) {
            tags.add("#fever-reading");
        }
        if (temperature.isPresent() && !tags.contains("#fever-reading")) {
            tags.add("#temp-below-fever-line"); // every temperature the message gives is below the fever line
        }
        if (infantMonths(normalized).orElse(Double.MAX_VALUE) < r.infantMonths()) {
            tags.add("#infant");
        }
        Matcher bp = BP.matcher(normalized);
        while (bp.find()) {
            int sys = Integer.parseInt(bp.group(1));
            int dia = Integer.parseInt(bp.group(2));
            if (sys >= 70 && sys <= 300 && dia >= 30 && dia <= 200 && sys > dia) {
                if (sys >= r.bpSevereSystolic() || dia >= r.bpSevereDiastolic()) {
                    tags.add("#bp-severe");
                }
                if (sys >= r.bpPregnancySystolic() || dia >= r.bpPregnancyDiastolic()) {
                    tags.add("#bp-pregnancy-severe");
                }
            }
        }
        Matcher pain = PAIN.matcher(normalized);
        while (pain.find()) {
            if (Integer.parseInt(pain.group(1)) >= r.painModerate() && Integer.parseInt(pain.group(1)) <= 10) {
                tags.add("#pain-moderate");
            }
        }
        glucose(words, r, tags);
        max(words, HEART_RATE, 3, 1, 30, 250).ifPresent(hr -> {
            if (hr >= r.heartRateHigh()) {
                tags.add("#hr-high");
            }
            if (hr >= r.heartRateVeryHigh()) {
                tags.add("#hr-very-high");
            }
        });
        min(words, OXYGEN, 6, 50, 100).ifPresent(o2 -> {
            if (o2 < r.spo2Emergent()) {
                tags.add("#spo2-emergent");
            }
            if (o2 < r.spo2Low()) {
                tags.add("#spo2-low");
            }
        });
        labs(text, compiled, tags);
        if (r.manyPills() != null) {
            Matcher pills = PILL_COUNT.matcher(normalized);
            while (pills.find()) {
                if (Integer.parseInt(pills.group(1)) >= r.manyPills() && !NOT_A_PILL_COUNT.contains(pills.group(2))) {
                    tags.add("#many-pills");
                }
            }
        }
        return tags;
    }

    /**
     * "my 4 yr old has 104.2", "my 5 week old is 100.6": a number with one decimal from the fever threshold up to 107
     * reads as a Fahrenheit temperature even with no temperature word; "my 5 week old is 38.2": one from 38.0 to 41.9 as
     * Celsius (not next to a week, hour, size or distance word); unless a weight, money, dose, glucose, pulse or
     * oxygen word is within three words before it or right after it.
     */
    static boolean bareFahrenheit(List<String> words, double feverF) {
        for (int i = 0; i < words.size(); i++) {
            if (!startsWithDigit(words.get(i))) {
                continue; // both patterns start with a digit
            }
            boolean celsius = BARE_CELSIUS.matcher(words.get(i)).matches();
            if (!BARE_FAHRENHEIT.matcher(words.get(i)).matches() && !celsius) {
                continue;
            }
            double value = Double.parseDouble(words.get(i).replace("f", "").replace("c", ""));
            if (celsius) {
                value = value * 9 / 5 + 32;
            }
            if (value < feverF || value >= 107) {
                continue;
            }
            boolean otherMeaning = false;
            for (int j = Math.max(0, i - 3); j <= Math.min(words.size() - 1, i + 1) && !otherMeaning; j++) {
                String w = words.get(j);
                otherMeaning = j != i && (NOT_A_TEMPERATURE.contains(w) || GLUCOSE.contains(w) || OXYGEN.contains(w)
                        || HEART_RATE.contains(w) || (celsius && (NOT_A_CELSIUS.contains(w) || (j == i + 1 && NOT_A_CELSIUS_UNIT.contains(w)))));
            }
            if (!otherMeaning && !ambient(words, i)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the number at {@code i} is the temperature of the air or of a thing: an {@link #AMBIENT} word within six
     * words before it or three after it, and no {@link #BODY_TEMPERATURE} word in that window.
     */
    private static boolean ambient(List<String> words, int i) {
        boolean thing = false;
        for (int j = Math.max(0, i - 6); j <= Math.min(words.size() - 1, i + 3); j++) {
            if (BODY_TEMPERATURE.contains(words.get(j))) {
                return false;
            }
            thing |= AMBIENT.contains(words.get(j));
        }
        return thing;
    }

    private static void glucose(List<String> words, TriageRules.Readings r, Set<String> tags) {
        min(words, GLUCOSE, 6, 20, 900).ifPresent(low -> {
            if (low <= r.glucoseVeryLow()) {
                tags.add("#glucose-very-low");
            }
            if (low <= r.glucoseLow()) {
                tags.add("#glucose-low");
            }
        });
        max(words, GLUCOSE, 6, 0, 20, 900).ifPresent(high -> {
            if (high >= r.glucoseHigh()) {
                tags.add("#glucose-high");
            }
            if (high >= r.glucoseVeryHigh()) {
                tags.add("#glucose-very-high");
            }
        });
    }

    private static void labs(ScannedText text, CompiledRules compiled, Set<String> tags) {
        List<String> words = text.words();
        for (TriageRules.Lab lab : compiled.rules.readings().labs()) {
            PhraseList.Index names = compiled.index(compiled.labNames.get(lab.id()));
            IntConsumer valueAfter = end -> {
                for (double value : values(words, end, clauseEnd(text, end - 1))) {
                    if ((lab.low() != null && value <= lab.low()) || (lab.high() != null && value >= lab.high())) {
                        tags.add("#lab-" + lab.id());
                        tags.add("#lab-critical");
                    }
                }
            };
            for (int i = 0; i < words.size(); i++) {
                names.endsAt(words, i, valueAfter); // the order of the names does not change the tags added
            }
        }
    }

    /**
     * The values a lab name at {@code end} is given: the first number within four words after it, or within twelve in
     * the name's clause ({@code clauseEnd}: "INR from the finger stick at the lab today was 5.8"), not an age, a time or
     * a dose ({@link #NOT_A_LAB_UNIT}); and any later number (within twelve words) right after a {@link #NOW_VALUE}
     * word: "hemoglobin went from 10.1 last month to 7.4", "was 9.8 in September and the lab from yesterday says 7.4".
     * Every value is checked against the lab's limits, so a goal range ("INR 5.8, goal 2 to 3") cannot hide a critical
     * first value.
     */
    static List<Double> values(List<String> words, int end, int clauseEnd) {
        List<Double> values = new java.util.ArrayList<>(2);
        for (int j = end; j < Math.min(words.size(), end + 12); j++) {
            OptionalDouble v = number(words.get(j));
            if (v.isEmpty() || (j + 1 < words.size() && NOT_A_LAB_UNIT.contains(words.get(j + 1)))) {
                continue;
            }
            if (values.isEmpty()) {
                if (j >= end + 4 && j >= clauseEnd) {
                    return values;
                }
                values.add(v.getAsDouble());
            } else if (NOW_VALUE.contains(words.get(j - 1))) {
                values.add(v.getAsDouble());
            }
        }
        return values;
    }

    /** The index in {@link ScannedText#words()} just after the clause that holds word {@code index}. */
    private static int clauseEnd(ScannedText text, int index) {
        int end = 0;
        for (ScannedText.Clause clause : text.clauses()) {
            end += clause.words().size();
            if (index < end) {
                return end;
            }
        }
        return end;
    }

    /** The youngest age in months the text states ("7 weeks old", "9 days old", "bebe de 6 semanas"). */
    static OptionalDouble infantMonths(String normalized) {
        double youngest = Double.MAX_VALUE;
        Matcher m = AGE.matcher(normalized);
        while (m.find()) {
            youngest = Math.min(youngest, months(Double.parseDouble(m.group(1)), m.group(2)));
        }
        for (Pattern pattern : List.of(AGE_ES, AGE_BEFORE_BABY, AGE_AFTER_BABY)) {
            Matcher more = pattern.matcher(normalized);
            while (more.find()) {
                youngest = Math.min(youngest, months(Double.parseDouble(more.group(1)), more.group(2)));
            }
        }
        if (NEWBORN.matcher(normalized).find()) {
            youngest = 0;
        }
        return youngest == Double.MAX_VALUE ? OptionalDouble.empty() : OptionalDouble.of(youngest);
    }

    private static double months(double n, String unit) {
        if (unit.startsWith("d")) {
            return n / 30.4;
        }
        if (unit.startsWith("w") || unit.startsWith("s")) {
            return n / 4.35;
        }
        return n;
    }

    private static OptionalDouble max(List<String> words, Set<String> context, int before, int after, double lo,
                                      double hi) {
        return scan(words, context, before, after, lo, hi, true);
    }

    private static OptionalDouble min(List<String> words, Set<String> context, int before, double lo, double hi) {
        return scan(words, context, before, 0, lo, hi, false);
    }

    /**
     * Numbers within {@code before} words after a context word (or {@code after} words before one), in
     * range; Celsius temperatures are converted when the context is a temperature.
     */
    private static OptionalDouble scan(List<String> words, Set<String> context, int before, int after, double lo,
                                       double hi, boolean wantMax) {
        Double best = null;
        for (int i = 0; i < words.size(); i++) {
            if (!startsWithDigit(words.get(i))) {
                continue; // not a NUMBER
            }
            Matcher m = NUMBER.matcher(words.get(i));
            if (!m.matches()) {
                continue;
            }
            double value = Double.parseDouble(m.group(1));
            String suffix = m.group(2);
            boolean near = context.contains(suffix) && !suffix.isEmpty();
            for (int j = Math.max(0, i - before); j < i && !near; j++) {
                near = context.contains(words.get(j));
            }
            for (int j = i + 1; j <= Math.min(words.size() - 1, i + after) && !near; j++) {
                near = context.contains(words.get(j));
            }
            if (!near || (context == TEMPERATURE && ambient(words, i))) {
                continue;
            }
            if (context == TEMPERATURE && value >= 35 && value <= 43) {
                value = value * 9 / 5 + 32;
            }
            if (value < lo || value > hi || (context == TEMPERATURE && value < 95)) {
                continue;
            }
            if (best == null || (wantMax ? value > best : value < best)) {
                best = value;
            }
        }
        return best == null ? OptionalDouble.empty() : OptionalDouble.of(best);
    }

    private static OptionalDouble number(String word) {
        if (!startsWithDigit(word)) {
            return OptionalDouble.empty();
        }
        Matcher m = NUMBER.matcher(word);
        return m.matches() ? OptionalDouble.of(Double.parseDouble(m.group(1))) : OptionalDouble.empty();
    }

    /** Whether a word starts with 0-9: every number pattern here does ({@code \d} is ASCII only), so others skip the regex. */
    private static boolean startsWithDigit(String word) {
        if (word.isEmpty()) {
            return false;
        }
        char first = word.charAt(0);
        return first >= '0' && first <= '9';
    }
}
