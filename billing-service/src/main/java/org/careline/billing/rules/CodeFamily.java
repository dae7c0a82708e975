package org.careline.billing.rules;

/** The two online digital E/M code families, with the same time bands. */
public enum CodeFamily {
    /** CPT 99421 (5-10 min), 99422 (11-20), 99423 (21+): physician/QHP time. */
    PHYSICIAN_QHP,
    /** CPT 98970 / 98971 / 98972: qualified nonphysician professional time. */
    QUALIFIED_NONPHYSICIAN
}
