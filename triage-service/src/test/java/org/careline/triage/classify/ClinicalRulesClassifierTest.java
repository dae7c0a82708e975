package org.careline.triage.classify;

import org.careline.events.Category;
import org.careline.events.MessageTopic;
import org.careline.events.Urgency;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shipped rules on messages written for these tests and on RUBRIC.md's worked examples (which are
 * in no labelled set); plain JUnit, no Quarkus.
 */
class ClinicalRulesClassifierTest {

    private static final TriageRules RULES = TriageRules.fromClasspath("triage-rules.json");
    private final ClinicalRulesClassifier classifier = new ClinicalRulesClassifier(RULES);

    private Classification classify(String subject, String body) {
        return classifier.classify(new MessageText(subject, body, null));
    }

    @ParameterizedTest(name = "{0}/{1}: {3}")
    @CsvSource(delimiter = '|', textBlock = """
            URGENT   | MEDICATION     | refill     | last enoxaparin shot is tonight and the pharmacy says the rx expired, can you resend
            EMERGENT | MEDICATION     | help       | my 4 yo drank about half a bottle of the chewable iron vitamins, she's throwing up and pale
            ROUTINE  | APPOINTMENT    | change     | can we move my 10:15 thursday to next week? any afternoon
            ROUTINE  | APPOINTMENT    | follow up  | urgent care said my wrist is sprained not broken and to see my doctor in 3-5 days, it's already feeling better, when can I come in
            ROUTINE  | TEST_RESULTS   | ultrasound | what does 'mild fatty liver' on my ultrasound mean? the doctor's note said no treatment needed
            URGENT   | TEST_RESULTS   | labs       | my white count from yesterday says 1.2 and I'm on chemo, no fever, nobody has called
            EMERGENT | CLINICAL       | ''         | my dad (70) suddenly can't walk straight and is seeing double, started 30 min ago
            URGENT   | CLINICAL       | address change | new address is on my profile. also I had a tick bite last week and now there's a red ring rash spreading around it and I feel achy
            ROUTINE  | BILLING        | charge     | I was charged $75 for the visit I cancelled 2 days ahead, can you take it off
            ROUTINE  | BILLING        | EOB        | my EOB says the claim was denied as out of network?? ps the cough I came in for is gone, thanks
            ROUTINE  | ADMINISTRATIVE | records    | need my shot records for my new job at the hospital
            ROUTINE  | ADMINISTRATIVE | letter     | can you write a letter for our landlord about my son's asthma so they'll take out the old carpet? he hasn't had an attack in over a year
            ROUTINE  | OTHER          | thanks     | sending you all a photo of the twins, thank you for everything this year
            ROUTINE  | OTHER          | ''         | Sent from my iPhone
            EMERGENT | CLINICAL       | thanks     | thanks for the visit! ps I've been coughing up bright red blood since lunch, maybe half a cup
            """)
    void rubricWorkedExamples(Urgency urgency, Category category, String subject, String body) {
        Classification c = classify(subject, body);

        assertEquals(urgency, c.urgency(), c.explanation());
        assertEquals(category, c.category(), c.explanation());
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            EMERGENT | chest tightness and I nearly fainted while mowing, it went away after 15 minutes
            EMERGENT | my baby is 6 weeks old and has a temp of 100.6 rectally, otherwise acting normal
            EMERGENT | mi bebe de 5 semanas tiene fiebre de 38.2
            URGENT   | my 5 year old has a fever of 104, alert and drinking fine, no stiff neck
            URGENT   | home reading 186/104 twice, I feel fine, no headache
            EMERGENT | blood pressure 205/125 with a bad headache and my vision is blurry
            URGENT   | glucose 345 this morning, not vomiting, just thirsty
            EMERGENT | his sugar is 38 and he is confused and cant swallow the juice
            EMERGENT | pulse ox says 86% and she is breathing fast
            URGENT   | potassium came back 6.4 on the portal and nobody called me
            EMERGENT | tengo dolor de pecho desde hace una hora y estoy sudando
            EMERGENT | my wife is having a sezure for 7 minutes now
            EMERGENT | im 8 weeks pregnant with sharp pain on one side and shoulder pain, almost fainted
            """)
    void numbersAgesTyposAndSpanish(Urgency urgency, String body) {
        assertEquals(urgency, classify("", body).urgency(), classify("", body).explanation());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "No chest pain or shortness of breath, just need my lisinopril refilled",
            "She denies chest pain. Please refill her lisinopril",
            "What should I do if I get chest pain again on my lisinopril? Need a refill too",
            "The chest pain I had in 2021 was reflux, can I get my lisinopril refilled",
            "My dad's face drooped and his speech was slurred years ago, please refill his lisinopril"})
    void negatedHypotheticalAndHistoricalRedFlagsDoNotFire(String body) {
        Classification c = classify("refill", body);

        assertEquals(Urgency.ROUTINE, c.urgency(), c.explanation());
        assertEquals(Category.MEDICATION, c.category(), c.explanation());
        assertTrue(c.explanation().matches(".*(negated|hypothetical|historical) chest-pain.*|.*historical stroke-signs.*"),
                c.explanation());
    }

    /** A count of tablets is a reading (#many-pills); a dose in units, milligrams or minutes is not. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            EMERGENT | took about 25 of my sleeping pills an hour ago
            EMERGENT | she swallowed like 40 ibuprofen
            ROUTINE  | took 12 units of lantus tonight as usual, refill please, 3 weeks left
            ROUTINE  | took 10 mg of melatonin and slept great, is it safe every night?
            ROUTINE  | took 20 minutes to get through on the phone today
            ROUTINE  | took 2 tylenol for a mild headache, it is gone now
            """)
    void tabletCountsAreReadingsButDosesAndMinutesAreNot(Urgency urgency, String body) {
        Classification c = classify("", body);
        assertEquals(urgency, c.urgency(), c.explanation());
    }

    /** Everyday words that look like red flags ("killing me", "won't be around", "stroke of luck") do not fire one. */
    @ParameterizedTest
    @ValueSource(strings = {
            "this bill is killing me, $430 for a visit insurance should have covered",
            "I won't be around next week, traveling to see family, can my refill go to the CVS there?",
            "what a stroke of luck that you had an opening, thanks so much",
            "I wrote a letter to my kids' school about their vaccines, can you sign the form",
            "my dog ate my ibuprofen, should I call the vet?",
            "jaw pain from clenching my teeth at night, dentist says TMJ, any advice",
            "got poison ivy on my arms from gardening, any cream you recommend?",
            "I ate breakfast and then took my pills, is that the right order?",
            "I'm going to take all my meds in the morning from now on, is that ok?"})
    void lookalikesOfRedFlagsAreNotEmergent(String body) {
        Classification c = classify("", body);
        assertTrue(c.urgency() != Urgency.EMERGENT, c.explanation());
    }

    /**
     * Rules 3.0: new wordings of the rubric's emergency classes (written for this test, in no labelled set):
     * pain before the word chest, abbreviations, a limb gone limp, a lost visual field, intent by other means and in
     * Spanish, a means with despair, double doses of anticoagulants, a young child with a household hazard,
     * pregnancy by gestational age alone, repeated seizures, a person who can hardly be roused.
     */
    @ParameterizedTest(name = "{0}/{1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            EMERGENT | CLINICAL   | sharp stabbing in my chest since the flight home, hard to breathe
            EMERGENT | CLINICAL   | CP radiating to my jaw, started 20 min ago
            EMERGENT | CLINICAL   | his right arm went limp while he was eating
            EMERGENT | CLINICAL   | suddenly the vision in my right eye went black
            EMERGENT | CLINICAL   | my sister said she will jump off the overpass tonight
            EMERGENT | CLINICAL   | mi novio dice que se va a matar
            EMERGENT | CLINICAL   | he has a rope in the garage and says there is no point
            EMERGENT | MEDICATION | gave grandma her eliquis twice this morning by mistake
            EMERGENT | MEDICATION | my 2 year old licked a laundry pod
            EMERGENT | MEDICATION | the baby swallowed a magnet off the fridge
            EMERGENT | CLINICAL   | he is coughing up mouthfuls of blood
            EMERGENT | CLINICAL   | tongue feels huge after the new lisinopril and I can barely swallow
            EMERGENT | CLINICAL   | fever and her neck is rigid
            EMERGENT | CLINICAL   | fever 103 and we can hardly rouse him
            EMERGENT | CLINICAL   | she had three seizures this morning
            EMERGENT | CLINICAL   | im 9 weeks and soaking through a pad every hour
            EMERGENT | CLINICAL   | passed out and my heart is beating way too fast
            URGENT   | MEDICATION | only 2 days of tacrolimus left and the pharmacy is out
            """)
    void rules30CoverNewWordingsOfEmergencyClasses(Urgency urgency, Category category, String body) {
        Classification c = classify("", body);
        assertEquals(urgency, c.urgency(), c.explanation());
        assertEquals(category, c.category(), c.explanation());
    }

    /** A Fahrenheit-looking decimal with no temperature word is a temperature, unless a weight, money or lab is near. */
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            URGENT   | my 4 yr old has 104.2 but he is watching tv
            EMERGENT | my 5 week old is 100.6
            URGENT   | my son is 101.3 and sleepy but drinking
            ROUTINE  | she weighs 104.2 lbs now
            ROUTINE  | the bill was 104.5 dollars
            ROUTINE  | sugar 104.5 after breakfast
            ROUTINE  | listening to 101.1 fm in the waiting room
            ROUTINE  | he is 99.9 today, better
            """)
    void bareFahrenheitNumbersAreTemperatures(Urgency urgency, String body) {
        Classification c = classify("", body);
        assertEquals(urgency, c.urgency(), c.explanation());
    }

    /** Look-alikes of the phrases rules 3.0 added: none is an emergency. */
    @ParameterizedTest
    @ValueSource(strings = {
            "they took a lot of blood at my lab draw and my arm is bruised",
            "can I wash the baby's clothes with regular detergent?",
            "I'm 6 weeks post op and have some shoulder pain from sleeping funny",
            "the cream, can I use it on myself too? it was prescribed for my son",
            "loaded up on meds for my cold, can I also take mucinex",
            "we set a date for the surgery, do I stop my aspirin before?",
            "tengo un plan de pagos, cuanto debo?",
            "I drink fish oil every day, is that ok with my statin",
            "my kid's adhd meds are gone, need a refill",
            "can my 5 year old chew his pills or swallow them whole",
            "how do I get the childproof bottle open? it's my kid's medicine",
            "I came to see you last week for palpitations and my heart racing is better",
            "my son has CP and his arm is stiff today",
            "I keep choking on my food, breathing is fine otherwise",
            "I'm 20 weeks pregnant and my shoulder hurts from sleeping on my side",
            "this rash, never had anything like it",
            "I had anaphylaxis to peanuts as a kid, my epipen expires next month",
            "seen in the ER saturday for chest pain, they said my heart is fine",
            "thank you for squeezing me in, the stitches came out great",
            "what should I do if I ever get chest pain during the new exercise program?",
            "I went to a concert and my ears are ringing"})
    void lookalikesOfRules30PhrasesAreNotEmergent(String body) {
        Classification c = classify("", body);
        assertTrue(c.urgency() != Urgency.EMERGENT, c.explanation());
    }

    /**
     * Rules 3.2: the concept classes ({@code cls-*}: body region, sensation, onset, focal deficit, speech or thinking
     * loss, severe breathing, bleeding amount, self-harm act, intent with means and time, child and household toxin,
     * swelling, non-blanching rash, embolism setting) catch wordings that no single phrase was written for. Written
     * for this test before rounds 11-12 were seen, in no labelled set; one line per class, several for the big ones.
     */
    @ParameterizedTest(name = "{0}/{1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            EMERGENT | CLINICAL   | feels like a vise around my chest, started 20 min ago
            EMERGENT | CLINICAL   | there's a band squeezing across my ribcage and I'm sweating buckets
            EMERGENT | CLINICAL   | under my bra on the left it feels so heavy and my arm is tingling
            EMERGENT | CLINICAL   | cp and sob since 30 min, pls advise
            EMERGENT | CLINICAL   | feels like someone is standing on my chest
            EMERGENT | CLINICAL   | tengo una opresion en el pecho y sudor frio
            EMERGENT | CLINICAL   | dad is all of a sudden not making sense and his right hand won't grip
            EMERGENT | CLINICAL   | mom's smile is crooked since breakfast and she keeps dropping her cup
            EMERGENT | CLINICAL   | sudden numbness down my whole right side and I can't hold a pen
            EMERGENT | CLINICAL   | I cant breath properly, can only say a couple words
            EMERGENT | CLINICAL   | my child is breathing really fast and his nostrils are flaring
            EMERGENT | CLINICAL   | i have my dad's gun and i'm going to use it on myself
            EMERGENT | CLINICAL   | he says he'll hang himself tonight
            EMERGENT | CLINICAL   | I've decided tonight is when I'll do it, I have enough pills
            EMERGENT | MEDICATION | toddler got into the dishwasher pods and has foam in his mouth
            EMERGENT | MEDICATION | my 3 year old drank some windshield washer fluid
            EMERGENT | CLINICAL   | coughing up a lot of bright red blood
            EMERGENT | CLINICAL   | the cut on his leg is pumping blood and won't stop with a towel
            EMERGENT | CLINICAL   | my face and lips are puffing up after the new antibiotic and i'm wheezing
            EMERGENT | CLINICAL   | my tongue is getting fat and my voice sounds weird after the shellfish
            EMERGENT | CLINICAL   | my teen has a fever and a rash that doesn't go away when I press a glass on it
            EMERGENT | CLINICAL   | flew back from tokyo yesterday and now sharp pain when I breathe in and i'm short of breath
            EMERGENT | CLINICAL   | my 5 week old is 38.2
            URGENT   | CLINICAL   | my 2 year old is 39.1 but playing and drinking fine
            EMERGENT | CLINICAL   | my baby is floppy and won't feed, she's 6 weeks and feels warm
            EMERGENT | CLINICAL   | mom's knees are all blotchy purple and she's burning up and barely talking
            EMERGENT | CLINICAL   | the pain in my head hit like a lightning bolt and I threw up
            EMERGENT | CLINICAL   | my heart is going 180 and I feel like I'm going to black out
            EMERGENT | CLINICAL   | she's wheezing and can't talk, the inhaler isn't doing a thing
            EMERGENT | CLINICAL   | crushing pain in my back between my shoulder blades and sweating, feels like tearing
            EMERGENT | CLINICAL   | the right side of my body went numb and I can't speak properly
            EMERGENT | CLINICAL   | se me cae la cara de un lado y no puedo mover el brazo
            EMERGENT | CLINICAL   | mi hijo de 1 mes tiene 38.4 de temperatura
            """)
    void rules32ConceptClassesCoverNewWordings(Urgency urgency, Category category, String body) {
        Classification c = classify("", body);
        assertEquals(urgency, c.urgency(), c.explanation());
        assertEquals(category, c.category(), c.explanation());
    }

    /** Look-alikes of the rules 3.2 concept classes: none is an emergency. */
    @ParameterizedTest
    @ValueSource(strings = {
            "can my 5 year old chew his pills",
            "my 2 year old ate some dirt at the park, is that bad",
            "I took 2 puffs of my inhaler, my throat is sore, can I get a new one",
            "the swelling in my ankle is gone, thanks",
            "my chest x-ray bill was wrong but I'm fine now",
            "had chest pain in 2019, cardiology cleared me, need a letter for the gym",
            "what if I get chest pain on the new inhaler, should I stop it",
            "I have enough pills until friday, I'll do it tomorrow when I pick up the refill",
            "my son is 38.5 weeks along with his sister lol, when can I bring him for his checkup",
            "my 4 yr old rode 38.5 km with dad haha",
            "my chest is a bit sore from coughing with my cold, otherwise fine",
            "the bleeding stopped right away after the dressing and it's healing well",
            "my mom had a stroke 5 years ago, want to book her annual visit",
            "no chest pain, no shortness of breath, just a mild cough for a week",
            "she's 6 weeks pregnant and a bit warm today",
            "my eyes keep tearing up and my back hurts from the new chair",
            "my heart rate is 180 on the treadmill at the gym, is that too high for my age?",
            "is it normal for my 3 month old to sneeze a lot? no fever"})
    void lookalikesOfRules32ClassesAreNotEmergent(String body) {
        Classification c = classify("", body);
        assertTrue(c.urgency() != Urgency.EMERGENT, c.explanation());
    }

    /** Rules 3.4: critical-medicine supply problems and missed doses, side effects in Spanish (URGENT MEDICATION). */
    @ParameterizedTest(name = "{0}/{1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            URGENT  | MEDICATION | the pharmacy says my tacrolimus is on backorder until next week and I have tomorrow's dose
            URGENT  | MEDICATION | forgot my keppra dose last night and this morning, should I take both now
            URGENT  | MEDICATION | skipped two doses of my eliquis over the weekend while traveling
            URGENT  | MEDICATION | solo me quedan dos plumas de insulina y la farmacia no la tiene
            URGENT  | MEDICATION | desde que empece la pastilla nueva tengo mucha diarrea y mareos
            URGENT  | MEDICATION | me subieron la dosis de la sertralina y ahora no puedo dormir y tengo temblores
            ROUTINE | MEDICATION | my atorvastatin refill please, I still have two weeks left
            ROUTINE | MEDICATION | quiero una receta nueva de mi loratadina, todavia tengo
            """)
    void rules34MedicationProblemsAreUrgent(Urgency urgency, Category category, String body) {
        Classification c = classify("", body);
        assertEquals(urgency, c.urgency(), c.explanation());
        assertEquals(category, c.category(), c.explanation());
    }

    /** Rules 3.5 (after the first run of rounds 13-14), by class: new wordings written for these tests. */
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            EMERGENT | mi hija tiene 3 semanas y tiene 38.3 de temperatura, come bien
            EMERGENT | la bebita ya tiene 6 semanas y marca 100.5 en la axila
            EMERGENT | tengo 8 semanas de embarazo y estoy sangrando mucho con coagulos
            EMERGENT | 7 weeks pregnant, cramping on the left and I nearly blacked out at work
            EMERGENT | about 5 weeks pregnant and the tip of my left shoulder hurts with pain low on one side
            URGENT   | mi hija tiene 10 semanas de embarazo y tiene un poco de manchado
            URGENT   | my insulin is held up at the pharmacy and I have only one more pen dose left
            URGENT   | missed yesterday and today of my tacrolimus, the mail order is late
            URGENT   | out as of this morning on my hydrocortisone, I'm on it for adrenal insufficiency
            URGENT   | my 2 year old has a cough like a seal, breathing fine when calm
            URGENT   | me arde cuando orino desde anoche
            ROUTINE  | please send 90 days of warfarin, I still have 12 days left at home
            ROUTINE  | my nephew had a concussion last month, what are the signs to watch for
            ROUTINE  | can I bring flyers for a suicide prevention awareness run to the clinic
            ROUTINE  | I was charged twice for my chest pain follow up visit last spring
            ROUTINE  | does my shingles vaccine need a booster
            ROUTINE  | the x-ray shows an old healed fracture of my wrist, should I worry
            """)
    void rules35FixesByClassAfterRounds13And14(Urgency urgency, String body) {
        Classification c = classify("", body);
        assertEquals(urgency, c.urgency(), c.explanation());
    }

    /**
     * Rules 3.7 (after the first run of rounds 15-16), by class, both ways: a boy's or man's acute groin pain told without
     * the organ's name; Spanish shingles; a lab value given as a drop ("from 10.1 to 7.4"); past events dated by a month
     * or a season; a recovery; a resolved fever; a payment plan; a scene of a show or the news; the temperature of a
     * car or a fridge. New wordings written for these tests.
     */
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            EMERGENT | my son is 12 and his privates hurt so bad on the left, he has been throwing up since 5am
            EMERGENT | sudden pain in my right testicle an hour ago and I feel like puking
            EMERGENT | my balls started hurting really bad out of nowhere tonight
            EMERGENT | I have a physical booked in April but right now the left side of my face is drooping
            EMERGENT | was watching tv when my chest started crushing and my left arm went numb
            EMERGENT | in the car on the way home my baby's temp was 100.8, she is 6 weeks old
            URGENT   | her hemoglobin dropped from 9.8 to 7.1 on yesterday's labs and nobody has called
            URGENT   | a mi mama le bajo la hemoglobina de 10 a 7.5 en los resultados de hoy
            URGENT   | me salio culebrilla en la espalda y me duele mucho
            URGENT   | tengo ampollas en una franja del lado izquierdo y me arde
            URGENT   | my 8 year old has had a fever of 102 since last night
            ROUTINE  | my uncle had a stroke in March and is doing great now, can I get a flu shot
            ROUTINE  | thanks for sending me to the ER in October when my arm went numb, he made a full recovery
            ROUTINE  | loved the episode where the doctor had a heart attack in the elevator lol
            ROUTINE  | did you see the news about the overdose on the subway
            ROUTINE  | I'd like a payment plan for the ER bill from my daughter's broken wrist
            ROUTINE  | the fever broke yesterday and I feel fine, can I go back to work Monday
            ROUTINE  | our fridge was at 40 degrees overnight, is my insulin still ok
            ROUTINE  | my insulin sat in the mailbox and it was 101.5 out there, is it still good
            ROUTINE  | had groin pain from a pulled muscle over the summer, all better
            """)
    void rules37FixesByClassAfterRounds15And16(Urgency urgency, String body) {
        Classification c = classify("", body);
        assertEquals(urgency, c.urgency(), c.explanation());
    }

    /**
     * Rules 3.8 (after the first run of rounds 17-18), by class, both ways: an insulin or opioid dose "done" twice; a
     * lab value further into its clause; a chemical or metal in the eye; heart failure with fluid gain; a past event
     * dated by a child's age; an idiom "overdose of mail". New wordings written for these tests.
     */
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            EMERGENT | I gave my husband his Humalog twice at dinner, 12 units each time, he is getting shaky
            EMERGENT | when she was eating the peanut cookie her lips swelled and now she can't breathe
            URGENT   | potassium on the portal from this morning's draw says 6.3, nobody called me
            URGENT   | the sodium they drew at the clinic yesterday came back 125
            URGENT   | some sawdust flew into my left eye at work, it's red and watering but I can see fine
            URGENT   | dad has congestive heart failure and he is up 4 pounds since Sunday with puffier ankles
            ROUTINE  | my 6 year old needs her potassium rechecked at the next visit, it was normal last time
            ROUTINE  | my son had a bad reaction to penicillin when he was 2, please put it on his chart
            ROUTINE  | my daughter had a seizure when she was a baby, nothing since, school form needs a signature
            ROUTINE  | you sent me an overdose of emails about the flu clinic, please unsubscribe me
            ROUTINE  | I have heart failure and my weight is stable at 180, can I get my furosemide refilled
            """)
    void rules38FixesByClassAfterRounds17And18(Urgency urgency, String body) {
        Classification c = classify("", body);
        assertEquals(urgency, c.urgency(), c.explanation());
    }

    /**
     * Rules 3.9 (after the first run of rounds 19-20), by class, both ways: Spanish words for a bleed from the gut; an
     * infant's temperature reading below the fever line; confusion built up over days in plain words; dizziness with
     * near-falls; bleeding in pregnancy told in another sentence; a car or phone that "broke". New wordings.
     */
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            EMERGENT | mi esposo toma warfarina y esta vomitando algo negro, esta muy palido
            EMERGENT | my 5 week old has a fever, the ear thermometer said 100.9
            EMERGENT | my 3 week old feels hot and has a fever, I have no thermometer at home
            URGENT   | grandma is 88 and the past few days she seems more mixed up, still eating and walking fine
            URGENT   | since the new water pill I get dizzy when I stand and I almost fell in the shower twice
            URGENT   | Estoy embarazada de 6 semanas. Hoy tengo un poco de sangrado cafe, sin dolor fuerte
            ROUTINE  | is 99.6 a fever? my 6 week old felt warm but the rectal thermometer said 99.6 and she is feeding well
            ROUTINE  | my car broke down, can we move my visit to Thursday
            ROUTINE  | I got the dates mixed up, is my appointment on the 4th or the 5th
            """)
    void rules39FixesByClassAfterRounds19And20(Urgency urgency, String body) {
        Classification c = classify("", body);
        assertEquals(urgency, c.urgency(), c.explanation());
    }

    /**
     * Rules 4.0 (after the first run of rounds 21-22), by class, both ways: a non-blanching rash in Spanish; ages with a
     * half ("4 1/2 months"); a lab's later value after "says"; a goal range after a critical value; a plan made ahead of
     * time; teenage history; a diagnosis on a bill; crushing pills; a child taken to the ER and sent home; growing out
     * of it. New wordings written for these tests.
     */
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            EMERGENT | mi nino de 2 anos tiene fiebre y unas manchitas moradas en el pecho que no se quitan cuando aprieto un vaso
            EMERGENT | my 2 1/2 month old has a rectal temp of 100.9
            URGENT   | my 5 1/2 month old has a temp of 100.8, eating fine
            URGENT   | her hemoglobin was 10.4 in the spring and the new lab says 7.2, nobody called
            URGENT   | INR came back 5.6 today, my goal is 2 to 3, no bleeding
            ROUTINE  | we bring our newborn home tomorrow and want to have a plan ahead of time for fevers
            ROUTINE  | in high school I had suicidal thoughts, doing well for years now, I would like a therapist referral
            ROUTINE  | my bill lists overdose as the diagnosis for my physical, please correct it
            ROUTINE  | can I crush my metoprolol tablets, they are hard to swallow
            ROUTINE  | we took him to the ER Friday for wheezing and they sent us home with an inhaler, he is better, follow up?
            ROUTINE  | my 6 year old still wets the bed, will she grow out of it
            """)
    void rules40FixesByClassAfterRounds21And22(Urgency urgency, String body) {
        Classification c = classify("", body);
        assertEquals(urgency, c.urgency(), c.explanation());
    }

    /**
     * Rules 4.1 (after the first run of rounds 23-24), by class, both ways: stroke signs in everyday Spanish, also when
     * they have passed; "it has been a year since"; a patient sent to the ER in the past; a title's full stop ("Dr.")
     * no longer ends the clause. New wordings written for these tests.
     */
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            EMERGENT | a mi papa se le cayo el vaso de la mano izquierda y no le salian las palabras, ya se le paso
            EMERGENT | mi mama tiene la boca chueca desde hace una hora
            EMERGENT | saw Dr. Lopez last week for a checkup, now my husband's speech is slurred and his arm is weak
            ROUTINE  | It's been two years since Dr. Patel sent me to the ER for my slurred speech, all good now, thank you
            ROUTINE  | thanks to Dr. Kim who sent my mom to the hospital for her chest pain last winter, she is doing great
            """)
    void rules41FixesByClassAfterRounds23And24(Urgency urgency, String body) {
        Classification c = classify("", body);
        assertEquals(urgency, c.urgency(), c.explanation());
    }

    /**
     * Rules 4.2 (after the first run of the held-out rounds 25-28), by class, both ways: a child who ate pills, in Spanish;
     * Spanish what-if questions; Spanish past ER visits and bills; a past cause given by a doctor ("said it was a pulled
     * muscle"). New wordings written for these tests.
     */
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            EMERGENT | mi hijo de 3 anos se comio unas pastillas de mi mama, no se cuantas
            EMERGENT | si, tengo dolor de pecho muy fuerte y me falta el aire
            EMERGENT | me tome un monton de pastillas para dormir, ya no quiero vivir
            EMERGENT | mi hijo se tomo varias pastillas de mi esposo
            ROUTINE  | me tome dos pastillas de la tiroides por error, que hago manana
            ROUTINE  | si alguna vez me da dolor de pecho, tomo aspirina?
            ROUTINE  | fuimos a urgencias el lunes por dolor de pecho y me dijeron que era del musculo, quiero una cita
            ROUTINE  | la factura dice dolor de pecho pero fui por un chequeo
            ROUTINE  | the urgent care doctor said my chest pain was just reflux, can I get a GI referral
            """)
    void rules42FixesByClassAfterHeldOutRounds(Urgency urgency, String body) {
        Classification c = classify("", body);
        assertEquals(urgency, c.urgency(), c.explanation());
    }

    /**
     * Rules 4.3: systematic Spanish coverage written from RUBRIC.md, class by class (not from any probe sentence):
     * everyday Mexican, Central American, Caribbean and US Spanish for every emergency class, with and without accents,
     * and URGENT and ROUTINE look-alikes in Spanish (negated, hypothetical, past, a relative, a bill or a form).
     * A transient stroke that "ya se le paso" stays EMERGENT. New wordings written for this test; rules alone.
     */
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # chest
            EMERGENT | me aprieta el pecho y estoy sudando frio
            EMERGENT | siento una opresion en el pecho desde hace media hora
            EMERGENT | tengo una presión en el pecho que se me va al brazo izquierdo
            EMERGENT | mi esposo dice que siente como un peso en el pecho
            EMERGENT | siento el pecho apretado y me corre hacia la quijada
            EMERGENT | le duele mucho el brazo izquierdo y la mandíbula y está sudando
            EMERGENT | mientras cortaba el pasto me dio opresión en el pecho y casi me desmayo, se me quitó a los 15 minutos
            EMERGENT | siento como si me estuvieran apretando el pecho
            EMERGENT | tengo un dolor de pecho que no se me quita
            EMERGENT | me duele el pecho como si tuviera un elefante encima
            ROUTINE  | el año pasado tuve dolor de pecho y me dijeron que era ansiedad, necesito una cita de control
            ROUTINE  | no tengo dolor de pecho, solo quiero renovar mi receta de la presion
            ROUTINE  | mi papá tuvo un infarto hace años, necesito sus registros
            # stroke
            EMERGENT | a mi abuela se le torció la boca y no puede levantar el brazo
            EMERGENT | mi papa de repente no puede hablar bien, arrastra las palabras
            EMERGENT | se le durmió la mitad de la cara y el brazo derecho hace 20 minutos
            EMERGENT | de repente perdí la vista de un ojo
            EMERGENT | a mi esposo se le entumió todo el lado izquierdo del cuerpo
            EMERGENT | veo doble y no puedo caminar derecho desde hace una hora
            EMERGENT | mi mama no podia hablar y tenia la cara ladeada, ya se le paso hace como dos horas
            EMERGENT | mi tio no puede mover el lado derecho
            EMERGENT | se le trababa la lengua y no le entendiamos nada
            EMERGENT | mi abuelo no puede levantar el brazo izquierdo desde esta mañana
            EMERGENT | tiene la cara torcida y babea de un lado
            EMERGENT | de repente se me nublo la vista de un ojo y no veo nada
            ROUTINE  | mi abuelo tuvo un derrame cerebral en 2019, necesito una carta para su seguro
            ROUTINE  | hace años tuve un derrame y quedé bien, pregunta sobre mi cita
            # breathing
            EMERGENT | mi hijo no puede respirar bien y se le hunden las costillas
            EMERGENT | se está ahogando, no puede hablar
            EMERGENT | le falta mucho el aire y tiene los labios morados
            EMERGENT | me falta el aire, no puedo terminar una frase
            EMERGENT | el inhalador no le hace nada y sigue con el pecho cerrado
            EMERGENT | se pone morado y no puede respirar
            EMERGENT | mi niño respira muy rapido y se le mete la piel entre las costillas
            EMERGENT | casi no puede respirar
            EMERGENT | la oxigenación le marca 85
            EMERGENT | el oximetro marca 86 y esta agitada
            EMERGENT | se le ponen los labios azules
            ROUTINE  | no me falta el aire, solo tengo congestion nasal
            # anaphylaxis
            EMERGENT | me picó una abeja y se me está cerrando la garganta
            EMERGENT | se le hincharon los labios y la lengua y le cuesta tragar
            EMERGENT | después de comer camarón se le hinchó la cara y tiene la voz ronca
            EMERGENT | tiene ronchas por todo el cuerpo y siente la garganta apretada
            EMERGENT | se le esta hinchando la lengua y no puede respirar bien
            EMERGENT | le puse la epipen porque se le cerraba la garganta
            EMERGENT | con el antibiotico nuevo se le hincho la boca y le cuesta respirar
            URGENT   | me salió un sarpullido con la nueva pastilla pero sin hinchazón ni problema para respirar
            # bleeding
            EMERGENT | me corté con un cuchillo y no para de sangrar aunque aprieto
            EMERGENT | la sangre sale a chorros de la herida
            EMERGENT | empapé dos toallas de sangre y sigue sangrando
            EMERGENT | está sangrando muchísimo de la pierna
            EMERGENT | esta tosiendo mucha sangre
            EMERGENT | le sale mucha sangre y no se detiene
            EMERGENT | no deja de sangrar la herida aunque le hago presion
            URGENT   | me sangra la nariz a ratos pero se para cuando la aprieto
            ROUTINE  | tengo un poquito de sangre en la saliva cuando me cepillo los dientes
            # gi bleed
            EMERGENT | estoy vomitando sangre
            EMERGENT | vomita como asientos de café
            EMERGENT | vomité algo oscuro como café molido
            EMERGENT | hace popó negra como chapopote y me siento mareado
            EMERGENT | mis heces están negras y pegajosas y me siento muy débil
            EMERGENT | tiene evacuaciones negras y se desmayó
            EMERGENT | salio sangre en el vomito
            EMERGENT | hago del baño negro y tengo mareos
            ROUTINE  | el año pasado vomité sangre por una úlcera, ya estoy bien, quiero mi cita
            # overdose
            EMERGENT | mi hijo de 3 años se tragó una pila de botón
            EMERGENT | encontré a mi bebé con el frasco de pastillas abierto
            EMERGENT | mi niño de 2 años se tomó el cloro
            EMERGENT | mi esposo se tomó un frasco entero de pastillas para dormir
            EMERGENT | me inyecté la insulina dos veces por error y estoy temblando
            EMERGENT | mi hermano tomó muchas pastillas a propósito
            EMERGENT | se tomó todo el frasco de tylenol
            EMERGENT | mi nieta de 18 meses se comió unas pastillas que estaban en la mesa
            EMERGENT | mi hija de 2 años se tomó el jarabe para la tos de su abuelo, casi todo el frasco
            EMERGENT | el niño se metio a la boca el parche de fentanilo de su abuela
            EMERGENT | mi hija de 15 se tomo 20 pastillas de paracetamol
            EMERGENT | mi niña de 3 años se bebió el líquido de limpiar
            # suicide
            EMERGENT | ya no quiero vivir, tengo las pastillas guardadas
            EMERGENT | me quiero quitar la vida esta noche
            EMERGENT | estoy pensando en matarme, ya tengo un plan
            EMERGENT | mi hijo dejó una carta de despedida y no lo encuentro
            EMERGENT | ya escribí cartas para mis hijos, esta noche me voy
            EMERGENT | tengo la pistola y ya no aguanto más
            EMERGENT | ya junté las pastillas, mejor me muero
            EMERGENT | mi hija dice que se quiere morir y tiene las pastillas de mi mama
            EMERGENT | ya no le encuentro sentido a la vida y tengo una cuerda en el garage
            EMERGENT | quiero desaparecer para siempre, ya regalé mis cosas
            EMERGENT | estoy pensando en quitarme la vida
            EMERGENT | me quiero matar
            EMERGENT | ya tengo todo listo para irme de este mundo
            EMERGENT | mi esposo dice que se va a pegar un tiro
            URGENT   | a veces pienso que todos estarían mejor sin mí, pero no tengo un plan y nunca lo haría
            URGENT   | me siento muy deprimida, no duermo ni como
            ROUTINE  | no tengo pensamientos de hacerme daño, solo necesito mi receta de sertralina
            # violent
            EMERGENT | mi hijo dice que va a matar a su papá y tiene un cuchillo
            EMERGENT | mi esposo amenaza con matarme y tiene una pistola
            EMERGENT | quiero matar a mi vecino, ya tengo el arma
            # seizure
            EMERGENT | a mi hijo le dio una convulsión y no despierta
            EMERGENT | le dio un ataque, se puso tieso y temblando y no reacciona
            EMERGENT | mi esposa está convulsionando desde hace 6 minutos
            EMERGENT | le dieron dos ataques seguidos
            EMERGENT | se le fueron los ojos para atrás y empezó a temblar todo el cuerpo
            EMERGENT | primera vez que a mi hija le da una convulsion
            EMERGENT | le dio un ataque epileptico que duro 10 minutos
            EMERGENT | se puso rigido y sacudiendose en el suelo
            URGENT   | a mi hijo le dio un ataque de asma, el inhalador le ayudo y ya respira bien
            ROUTINE  | mi hijo tiene epilepsia, necesito el formulario de la escuela; su último ataque fue hace dos años
            ROUTINE  | me dio un ataque de risa en la consulta jaja, gracias por todo
            ROUTINE  | nunca he tenido convulsiones, puedo tomar bupropion?
            ROUTINE  | en caso de que mi hijo tenga una convulsión, qué le doy?
            ROUTINE  | cuando era niña me daban convulsiones, ahora estoy bien y quiero mi cita
            # collapse
            EMERGENT | mi papá se desmayó y no despierta
            EMERGENT | se cayó al piso y no reacciona
            EMERGENT | mi abuela no responde y respira raro
            EMERGENT | está muy dormido y no lo puedo despertar
            EMERGENT | se desvaneció y no responde
            EMERGENT | perdió el conocimiento y no vuelve en sí
            EMERGENT | mi mama no despierta, le hablo y no contesta
            EMERGENT | está inconsciente
            ROUTINE  | me desmayé una vez en la secundaria, lo pongo en el formulario?
            # sepsis/meningitis
            EMERGENT | tiene fiebre y le salieron manchitas moradas que no se quitan al apretar
            EMERGENT | tiene calentura, el cuello tieso y le molesta la luz
            EMERGENT | tiene fiebre alta, está muy decaído y casi no despierta
            EMERGENT | tiene fiebre y la piel moteada y está confundida
            EMERGENT | tiene fiebre y no puede bajar la barbilla al pecho
            EMERGENT | tiene fiebre y unos puntitos rojos que no se borran con un vaso
            ROUTINE  | mi hijo tuvo meningitis de bebé, necesito sus registros para la escuela
            ROUTINE  | mi esposo no tiene fiebre ni el cuello rígido, solo quiere saber de la vacuna
            # infant fever
            EMERGENT | mi bebé de 6 semanas tiene calentura de 38.3
            EMERGENT | mi recién nacido tiene 38 grados
            EMERGENT | mi bebé de 2 meses está muy caliente y no quiere comer
            EMERGENT | bebé de 1 mes con fiebre y muy dormido
            EMERGENT | mi bebita de 10 dias tiene temperatura de 38.1
            EMERGENT | mi bebe de 7 semanas esta muy aguadito y no quiere tomar pecho
            URGENT   | mi niño de 4 años tiene fiebre de 39, juega y toma agua bien
            URGENT   | mi hija de 8 meses tiene fiebre desde ayer
            # pregnancy
            EMERGENT | tengo 10 semanas de embarazo y estoy sangrando mucho con coágulos
            EMERGENT | estoy embarazada, me duele un lado abajo y me duele el hombro, casi me desmayo
            EMERGENT | tengo 32 semanas de embarazo, presión 165/112 y dolor de cabeza fuerte
            EMERGENT | embarazada de 8 semanas, lleno una toalla cada hora
            EMERGENT | estoy embarazada y me desmayé con dolor en un lado de la panza
            URGENT   | tengo 7 semanas de embarazo y manché un poquito con cólicos leves
            URGENT   | estoy embarazada y vomito todo, no retengo ni el agua
            # hypertensive
            EMERGENT | mi presión está en 190/115 y tengo dolor de cabeza fuerte y veo borroso
            EMERGENT | la presion 200/120, me duele el pecho
            EMERGENT | presion de 210/118 y esta confundido
            URGENT   | presión 185/105, me siento bien, sin síntomas
            # glucose
            EMERGENT | su azúcar está en 45 y está confundido, no puede tragar el jugo
            EMERGENT | el glucómetro dice HI y está vomitando y respira rápido
            EMERGENT | azúcar en 480, vomitando y le duele la panza
            EMERGENT | la glucosa en 40, esta sudando y no contesta bien
            EMERGENT | tiene el azucar en 38 y no puede tomar nada
            URGENT   | mi azúcar está en 320, no vomito
            # head injury
            EMERGENT | mi mamá toma warfarina, se cayó y se pegó en la cabeza y ahora vomita
            EMERGENT | mi papa toma eliquis, se golpeó la cabeza y está muy dormido
            EMERGENT | mi abuelo toma anticoagulante, se cayo y se dio en la cabeza, ahora tiene mucho sueño
            # testicular
            EMERGENT | a mi hijo de 14 le empezó un dolor muy fuerte en un testículo de repente y está vomitando
            EMERGENT | me dio un dolor fuertísimo en los testiculos de repente
            EMERGENT | a mi hijo le duelen mucho sus partes y esta vomitando
            # cold limb
            EMERGENT | tengo la pierna fria, pálida y dormida, me duele mucho
            EMERGENT | de repente el pie se puso frío y blanco y me duele
            # embolism
            EMERGENT | después de la cirugía me falta el aire y me duele el pecho al respirar
            EMERGENT | llegué de un vuelo largo, me duele la pantorrilla y ahora me falta el aire y me duele el pecho
            # thunderclap
            EMERGENT | el peor dolor de cabeza de mi vida, me dio de repente
            EMERGENT | me dio un dolor de cabeza muy fuerte de golpe, como un trueno
            EMERGENT | de repente un dolor de cabeza horrible, como si me explotara la cabeza
            # fainting heart
            EMERGENT | me desmayé y el corazón me late muy rápido
            EMERGENT | casi me desmayo y siento palpitaciones
            # urgent
            URGENT   | me arde al orinar y voy al baño a cada rato
            URGENT   | mi hijo tiene dolor de oído desde ayer
            URGENT   | le duele el oido y se lo jala
            URGENT   | mi bebé de 10 meses casi no moja pañales y vomita
            URGENT   | tiene diarrea desde hace tres dias y no orina
            URGENT   | me duele la garganta y tengo placas blancas
            # routine
            ROUTINE  | la factura de la ambulancia por la convulsión de mi hijo está mal
            ROUTINE  | ya no tengo ideas de quitarme la vida, gracias por la ayuda, solo quiero mi cita
            ROUTINE  | mi tía murió de un infarto, quiero saber si debo hacerme estudios
            ROUTINE  | necesito una carta para el trabajo, la semana pasada estuve en el hospital por dolor de pecho y ya estoy bien
            EMERGENT | si, tiene fiebre y el cuello tieso
            # look-alikes both ways: negated, hypothetical, past, a relative, a bill or a form; and emergencies inside them
            ROUTINE  | por si acaso, qué señales de alarma de un derrame debo vigilar en mi papá?
            ROUTINE  | me cobraron la ambulancia dos veces por la convulsión de mi hijo
            ROUTINE  | mi abuelo murió de un derrame, quiero saber mi riesgo
            ROUTINE  | nunca he tenido dolor de pecho ni me falta el aire, quiero empezar a hacer ejercicio
            ROUTINE  | cuando era niño tenía ataques de asma, ahora necesito la forma de la escuela para mi hijo
            ROUTINE  | hace dos años me dio una convulsión, ya no tomo medicina, necesito mi expediente
            ROUTINE  | la factura del hospital por el dolor de pecho de mi esposo llegó dos veces
            ROUTINE  | si le diera fiebre a mi bebé de 2 meses, a dónde lo llevo?
            ROUTINE  | qué pasaría si mi hijo se traga una pila? es para una tarea
            ROUTINE  | mi esposo no tiene dolor de pecho ni la cara caída, solo quiere su receta
            ROUTINE  | el año pasado mi hija se tomó unas pastillas y la llevamos a urgencias, necesito la carta para la escuela
            ROUTINE  | de chica me desmayaba seguido, ahora estoy bien, solo quiero mi cita anual
            ROUTINE  | a mi mamá la dieron de alta ayer después del derrame, cuándo es su cita de seguimiento?
            ROUTINE  | mi papá tiene antecedentes de infarto, necesito una cita con cardiología
            ROUTINE  | la aseguranza no pagó la visita de urgencias por el dolor de pecho
            ROUTINE  | no tengo sangrado ni cólicos, solo quiero confirmar mi cita prenatal
            ROUTINE  | ya no tengo ganas de quitarme la vida gracias a la terapia, quiero seguir con mis citas
            ROUTINE  | y si me da una reacción alérgica a la vacuna? se me hincha la garganta?
            ROUTINE  | en la secundaria tuve convulsiones, ahora no tomo nada, necesito el formulario
            ROUTINE  | tomé la pastilla anticonceptiva dos veces por error
            ROUTINE  | gracias por atender a mi papá cuando le dio el infarto hace tres años
            URGENT   | tengo 6 semanas de embarazo y manché un poco, sin cólicos fuertes
            URGENT   | mi hija de 2 años tiene fiebre de 39.5, juega y toma líquidos
            URGENT   | a mi hijo le dio un ataque de asma, el inhalador le ayudó y ya respira bien
            URGENT   | mi bebé de 10 meses casi no moja pañales y vomita
            URGENT   | me sangra la nariz seguido pero se para cuando la aprieto
            URGENT   | me siento muy triste, no duermo, a veces pienso que estarían mejor sin mí, no tengo un plan
            URGENT   | le duele el oido y tiene calentura
            URGENT   | me arde al hacer pipí y tengo que ir a cada rato
            URGENT   | mi presión está en 186/108, no tengo dolor de cabeza ni nada
            URGENT   | mi glucosa salió en 350, no vomito, solo mucha sed
            EMERGENT | ya se le pasó, pero hace una hora no podía mover el brazo y tenía la boca torcida
            EMERGENT | gracias por la cita de ayer. por cierto mi esposo tiene la cara caída desde hace 30 minutos
            EMERGENT | mi hijo de 2 años se tomó casi todo el frasco de jarabe para la tos
            EMERGENT | mi mama se cayo, toma warfarina y se pegó en la cabeza, ahora está muy dormida
            EMERGENT | tiene fiebre y no puede mover el cuello, le duele mucho la cabeza
            EMERGENT | mi recien nacido tiene calentura de 38.4
            EMERGENT | la oxigenacion le marca 85 y respira con dificultad
            EMERGENT | me dio un dolor de cabeza de golpe, el peor de mi vida
            """)
    void spanishCoverageOfEveryEmergencyClass(Urgency urgency, String body) {
        Classification c = classify("", body);
        assertEquals(urgency, c.urgency(), c.explanation());
    }

    /** The groin rule needs a boy or man and an acute sign: these are not emergencies by it. */
    @ParameterizedTest
    @ValueSource(strings = {
            "itching down there and some discharge, no fever",
            "my husband pulled a muscle in his groin at the gym, it is sore when he walks",
            "my son asked about a lump in his groin that has been there for months, it does not hurt",
    })
    void groinLookalikesAreNotEmergent(String body) {
        Classification c = classify("", body);
        assertNotEquals(Urgency.EMERGENT, c.urgency(), c.explanation());
    }

    @Test
    void aClauseBreakEndsNegation() {
        assertEquals(Urgency.EMERGENT, classify("", "no fever but crushing chest pain since this morning").urgency());
    }

    @Test
    void theMostSevereItemAnywhereSetsUrgencyAndTheSubjectOrTopicDoesNot() {
        Classification c = classifier.classify(new MessageText("billing question",
                "Question about my statement. Also since lunch my face is drooping on one side.", MessageTopic.BILLING));

        assertEquals(Urgency.EMERGENT, c.urgency());
        assertEquals(Category.CLINICAL, c.category());
        assertTrue(c.explanation().startsWith("EMERGENT by flag stroke-signs"), c.explanation());
        assertEquals(RULES.version(), c.rulesVersion());
    }

    @Test
    void theTopicIsAHintThatBreaksTies() {
        Classification hinted = classifier.classify(new MessageText("", "question about my visit", MessageTopic.BILLING));

        assertEquals(Category.BILLING, hinted.category(), hinted.explanation());
        assertTrue(hinted.explanation().contains("topic BILLING"));
    }

    @Test
    void explanationsUseRuleVocabularyNotMessageText() {
        Classification c = classify("", "Zebrafish pancake: my sugar is 40 and I am confused");

        assertFalse(c.explanation().toLowerCase().contains("zebrafish"));
        assertFalse(c.explanation().contains("40"), c.explanation());
        assertTrue(c.explanation().contains("#glucose-very-low"), c.explanation());
    }

    @Test
    void invalidRulesAreRejectedWithEveryProblem() {
        InvalidRulesException e = assertThrows(InvalidRulesException.class,
                () -> TriageRules.parse(RULES.toJson().replace("\"@high-risk-med\"", "\"@no-such-concept\"")));
        assertTrue(e.problems().get(0).contains("unknown concept"), e.getMessage());
        assertThrows(InvalidRulesException.class, () -> TriageRules.parse("{\"version\": \"x\"}"));
        assertThrows(InvalidRulesException.class, () -> TriageRules.parse("not json"));
    }
}
