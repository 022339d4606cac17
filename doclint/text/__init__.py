"""Text model: normalisation, Chinese numerals, structure and segmentation."""
