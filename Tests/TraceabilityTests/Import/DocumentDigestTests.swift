import Foundation
import Testing

@testable import Traceability

/// The certificate digest the importer records (``DocumentHash/sha256(of:)``, swift-crypto's
/// SHA-256) against the FIPS 180-4 / NIST CAVS examples and against Python's hashlib on the sample
/// DCCs (digests computed with `hashlib.sha256(open(f,'rb').read()).hexdigest()`).
@Suite("Document digest (SHA-256)")
struct DocumentDigestTests {
    /// The digest of `text`'s UTF-8 bytes.
    private func digest(_ text: String) -> String { DocumentHash.sha256(of: Data(text.utf8)).value }

    @Test("FIPS 180-4 examples: \"abc\", the 448-bit message, the empty message, a million 'a'")
    func standardVectors() {
        #expect(digest("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(
            digest("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(digest("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(
            digest(String(repeating: "a", count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test("Named SHA256, 64 lower-case hex digits, a leading zero byte written as two digits")
    func form() {
        // SHA-256("39") starts with the byte 0x0b (hashlib): written "0b", not "b".
        let hash = DocumentHash.sha256(of: Data("39".utf8))
        #expect(
            hash
                == DocumentHash(
                    algorithm: "SHA256", value: "0b918943df0962bc7a1824c0555a389347b4febdc7cf9d1254406d80ce44e3f9"))
        #expect(hash.isVerifiable)
    }

    @Test("The sample DCCs hash as hashlib says")
    func sampleFiles() throws {
        #expect(
            DocumentHash.sha256(of: try Data(contentsOf: SampleFiles.temperatureDCC)).value
                == "ba7d4d39242ecb2b4368ad51965812b04ae21dc31f450346bd7dcd59e4176c52")
        #expect(
            DocumentHash.sha256(of: try Data(contentsOf: SampleFiles.humidityDCC)).value
                == "5d7211baa2e2215c2a0638bcf7391b90e645cf4d758273982343de153bebcec4")
    }
}
