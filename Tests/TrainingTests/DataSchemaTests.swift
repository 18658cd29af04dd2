import Foundation
import Testing
@testable import Training

@Suite struct DataSchemaTests {
    @Test func schemaDescribesColumnsTaskAndClasses() throws {
        let csv = try CSVDataset.read(bytes: Array("x,z,label\n1,2,b\n3,4,a\n".utf8), file: "train.csv")
        #expect(csv.schema == DataSchema(featureNames: ["x", "z"], targetName: "label", classNames: ["a", "b"], source: "train.csv"))
        #expect(csv.schema.task == .classification(classes: 2))
        #expect(NoisySine().generate(seed: 0).schema.classNames == nil)
        #expect(NoisySine().generate(seed: 0).schema.task == .regression)
    }

    /// What `tracker eval` needs: a stored schema and standardizer read and
    /// map a new file exactly as the training data was mapped.
    @Test func storedSchemaAndStandardizerEvaluateNewDataLikeTheTrainingData() throws {
        let training = try CSVDataset.read(bytes: Array("a,b,label\n0,10,x\n2,30,y\n4,20,x\n6,40,y\n8,50,x\n".utf8), file: "train.csv")
        let prepared = try training.prepare(SplitOptions(validationFraction: 0, testFraction: 0))
        let encoder = JSONEncoder()
        let schema = try JSONDecoder().decode(DataSchema.self, from: encoder.encode(training.schema))
        let standardizer = try JSONDecoder().decode(Standardizer.self, from: encoder.encode(try #require(prepared.standardizer)))
        #expect(schema == training.schema)
        #expect(standardizer == prepared.standardizer)

        // The training rows themselves, read as a new file, map to the same inputs.
        let again = try CSVDataset.read(bytes: Array("a,b,label\n0,10,x\n2,30,y\n4,20,x\n6,40,y\n8,50,x\n".utf8), file: "eval.csv", schema: schema)
        #expect(standardizer.apply(to: again.allRows) == prepared.train)
        let onlyY = try CSVDataset.read(bytes: Array("a,b,label\n1,1,y\n".utf8), file: "eval.csv", schema: schema)
        #expect(onlyY.classNames == ["x", "y"] && onlyY.targets == [1])
    }
}
