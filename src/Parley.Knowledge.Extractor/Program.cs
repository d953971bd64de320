// The PDF reader process of knowledge ingestion: Parley starts it with a capped heap for each PDF it reads.
return Parley.Knowledge.Extraction.Isolation.ExtractionChild.Run(args, Console.OpenStandardOutput());
