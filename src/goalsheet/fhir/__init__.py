"""HL7 FHIR R4: the codes goalsheet's data travels with, and the Bundle it writes."""
