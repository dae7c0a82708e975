package org.careline.billing.rules;

/** How a care-team member's time counts for online digital E/M (DOMAIN.md, "E-visit billing"). */
public enum CredentialClass {
    /** Physicians and other qualified health care professionals (MD, DO, NP, PA, CNS, CNM): 99421-99423. */
    PHYSICIAN_QHP,
    /** Qualified nonphysician professionals (PT, OT, SLP, clinical social worker, dietitian...): 98970-98972. */
    QUALIFIED_NONPHYSICIAN,
    /** Clinical staff (RN, LPN, MA): their time never counts. */
    CLINICAL_STAFF,
    /** Not a clinician, or a credential billing does not know: never counts. */
    NOT_COUNTED
}
