/// Marks a catalog key that is stored now and translated later (a declaration's message):
/// `CatalogKey.t("…")` returns the key unchanged, and the catalog tests find it like any `t("…")`.
enum CatalogKey {
    static func t(_ key: String) -> String { key }
}
