import Foundation
import Testing

@testable import Traceability

/// SHA-256 against the FIPS 180-4 examples and against Python's hashlib on the sample DCCs
/// (independent implementation; digests computed with `hashlib.sha256(open(f,'rb').read())`).
@Suite("SHA-256")
struct SHA256Tests {
    @Test("FIPS 180-4 examples")
    func standardVectors() {
        #expect(
            SHA256.hexDigest(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(
            SHA256.hexDigest(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256.hexDigest([UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(
            SHA256.hexDigest([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test("The sample DCCs hash as hashlib says")
    func sampleFiles() throws {
        #expect(
            SHA256.hexDigest(try Data(contentsOf: SampleFiles.temperatureDCC))
                == "ba7d4d39242ecb2b4368ad51965812b04ae21dc31f450346bd7dcd59e4176c52")
        #expect(
            SHA256.hexDigest(try Data(contentsOf: SampleFiles.humidityDCC))
                == "5d7211baa2e2215c2a0638bcf7391b90e645cf4d758273982343de153bebcec4")
    }
}
