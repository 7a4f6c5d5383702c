import Foundation

/// Prints one line per measurement and one RATIO line per comparison, and keeps the medians.
final class Reporter {
    private var medians: [String: Double] = [:]

    func record(_ workload: String, _ variant: String, _ measurement: Measurement, unit: String = "s", scale: Double = 1, note: String = "") {
        medians["\(workload) \(variant)"] = measurement.median
        let line = String(
            format: "%@ %@ median=%.6f%@ min=%.6f max=%.6f runs=%d", workload, variant, measurement.median * scale, unit,
            measurement.min * scale, measurement.max * scale, measurement.samples.count)
        info(note.isEmpty ? line : line + " " + note)
    }

    /// Writes a line at once, unbuffered, so a pipe (CI) shows each measurement as it is taken.
    func info(_ line: String) { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }

    /// Prints `RATIO <workload> <variant>/<baseline> <value>`: the baseline's median time over CRMKit's.
    func ratio(_ workload: String, _ variant: String, _ baseline: String, label: String? = nil) {
        guard let crmkit = medians["\(workload) \(variant)"], let other = medians["\(workload) \(baseline)"], crmkit > 0 else { return }
        info(String(format: "RATIO %@ %@ %.2f", workload, label ?? "\(variant)/\(baseline)", other / crmkit))
    }
}
