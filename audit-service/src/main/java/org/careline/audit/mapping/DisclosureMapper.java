package org.careline.audit.mapping;

import jakarta.enterprise.context.ApplicationScoped;
import org.careline.audit.AuditRecord;
import org.careline.audit.config.AuditConfig;
import org.careline.audit.config.AuditConfig.PatientView.StaffIdentity;
import org.careline.audit.rest.AccessLogEntry;
import org.careline.audit.rest.DisclosureEntry;
import org.careline.audit.rest.Page;
import org.careline.audit.service.AuditPage;
import org.careline.platform.audit.AuditTrail;
import org.careline.platform.security.Roles;

import java.util.function.Function;

/** Records as entries of the accounting of disclosures (auditors) and of a patient's access log. */
@ApplicationScoped
public class DisclosureMapper {

    static final String CARE_TEAM_MEMBER = "a member of your care team";

    private final StaffIdentity staffIdentity;

    public DisclosureMapper(AuditConfig config) {
        this.staffIdentity = config.patientView().staffIdentity();
    }

    public DisclosureEntry toDisclosure(AuditRecord r) {
        return new DisclosureEntry(r.occurredAt, r.userId, r.username, r.role, r.sourceService, r.action,
                r.resourceType, r.resourceId, r.purposeOfUse, emergency(r));
    }

    public AccessLogEntry toAccessLog(AuditRecord r) {
        return new AccessLogEntry(r.occurredAt, who(r), r.action, r.resourceType, why(r.purposeOfUse), emergency(r));
    }

    public <T> Page<T> page(AuditPage page, Function<AuditRecord, T> entry) {
        return new Page<>(page.records().stream().map(entry).toList(),
                page.next() != null ? page.next().encode() : null);
    }

    String who(AuditRecord r) {
        boolean careTeam = Roles.CLINICIAN.equals(r.role) || Roles.STAFF.equals(r.role);
        return switch (staffIdentity) {
            case USERNAME -> r.username != null ? r.username : office(r.role);
            case ROLE -> office(r.role);
            case CARE_TEAM -> careTeam ? CARE_TEAM_MEMBER : office(r.role);
        };
    }

    private static String office(String role) {
        if (role == null) {
            return "Careline";
        }
        return switch (role) {
            case Roles.CLINICIAN -> "a clinician";
            case Roles.STAFF -> "a member of the practice staff";
            case Roles.CAREGIVER -> "your caregiver";
            case Roles.BILLING -> "the billing office";
            case Roles.AUDITOR -> "the compliance office";
            case Roles.ADMIN -> "a system administrator";
            default -> "Careline";
        };
    }

    private static String why(String purposeOfUse) {
        if (purposeOfUse == null) {
            return "not stated";
        }
        return switch (purposeOfUse) {
            case "TREAT" -> "your care";
            case AuditTrail.EMERGENCY_TREATMENT -> "emergency care";
            case "HPAYMT" -> "billing";
            case "HOPERAT" -> "compliance review";
            case "PATRQT" -> "at your request";
            default -> "system administration";
        };
    }

    private static boolean emergency(AuditRecord r) {
        return AuditTrail.EMERGENCY_TREATMENT.equals(r.purposeOfUse);
    }
}
