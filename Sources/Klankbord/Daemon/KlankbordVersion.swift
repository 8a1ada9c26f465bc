/// The version of this build of `klankbordd` and `klankbord`, shown by `klankbordd status`.
public enum KlankbordVersion {
    /// Semantic version; raise it with every release.
    public static let current = "0.1.0"
}
