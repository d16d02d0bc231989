package archfixture.domain;

/** Breaks "domain does no file I/O". */
public class DomainUsingFiles {
    java.nio.file.Path path;
    java.io.FileInputStream in;
}
