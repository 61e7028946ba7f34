/// Every template a handler renders. Start-up fails when one is missing, naming it.
public enum PageTemplate: String, CaseIterable, Sendable {
    case layout
    case error
    case dashboard
}
